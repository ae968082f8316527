namespace CollabCanvas.Rooms;

/// <summary>What kind of person is acting.</summary>
public enum ActorKind
{
    Anonymous,
    Account,
    Guest,
}

/// <summary>
/// The person behind a request or a circuit, independent of how the host authenticated them.
/// An account is identified by its user id; a guest by the membership created when they joined,
/// which belongs to exactly one room.
/// </summary>
public sealed record RoomActor(ActorKind Kind, string? UserId, Guid? GuestMemberId, Guid? GuestRoomId, string DisplayName)
{
    public static RoomActor Anonymous { get; } = new(ActorKind.Anonymous, null, null, null, "");

    public static RoomActor Account(string userId, string displayName) =>
        new(ActorKind.Account, userId, null, null, displayName);

    public static RoomActor Guest(Guid memberId, Guid roomId, string displayName) =>
        new(ActorKind.Guest, null, memberId, roomId, displayName);

    public bool IsAuthenticated => Kind != ActorKind.Anonymous;
}
