namespace CollabCanvas.Rooms.Live;

/// <summary>Someone connected to the room right now, as everyone sees them.</summary>
/// <param name="ColorIndex">Index into the colour-blind-safe palette; stable for the member within the room.</param>
/// <param name="Connections">Open tabs/clients of this member; they leave when it drops to zero.</param>
[GenerateSerializer, Immutable]
public sealed record PresentMember(
    [property: Id(0)] Guid MemberId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] RoomRole Role,
    [property: Id(3)] bool IsGuest,
    [property: Id(4)] int ColorIndex,
    [property: Id(5)] int Connections,
    [property: Id(6)] bool IsTyping);
