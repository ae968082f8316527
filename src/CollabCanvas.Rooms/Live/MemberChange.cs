namespace CollabCanvas.Rooms.Live;

/// <summary>Who changed a member's role or removed them, and whom, for the room's timeline.</summary>
[GenerateSerializer, Immutable]
public sealed record MemberChange(
    [property: Id(0)] string MemberName,
    [property: Id(1)] Guid ByMemberId,
    [property: Id(2)] string ByName);
