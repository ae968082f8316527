namespace CollabCanvas.Rooms.Live;

/// <summary>
/// Who is calling the room grain. The host resolves it from the person's membership (and checks the role
/// table) before calling; the grain checks the role again, so a bug in one host cannot skip the rules.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomCaller(
    [property: Id(0)] Guid MemberId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] RoomRole Role,
    [property: Id(3)] bool IsGuest);
