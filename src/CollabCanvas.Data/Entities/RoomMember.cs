using CollabCanvas.Rooms;

namespace CollabCanvas.Data.Entities;

/// <summary>
/// One person's membership of one room: an account (<see cref="UserId"/> set) or a guest (no user;
/// the guest's cookie names this row's <see cref="Id"/>, which is why a guest is valid for this room only).
/// </summary>
public sealed class RoomMember
{
    public Guid Id { get; set; }

    public Guid RoomId { get; set; }

    public Room? Room { get; set; }

    /// <summary>The account, or null for a guest.</summary>
    public string? UserId { get; set; }

    public string DisplayName { get; set; } = "";

    public RoomRole Role { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>
    /// Set when a Facilitator removed the person. The row stays so that an account cannot simply
    /// rejoin with the code, and so the room's history keeps their name.
    /// </summary>
    public DateTimeOffset? RemovedAt { get; set; }

    public bool IsGuest => UserId is null;

    public bool IsActive => RemovedAt is null;
}
