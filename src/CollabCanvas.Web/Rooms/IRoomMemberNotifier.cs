using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Rooms;

/// <summary>Told when a member's role changes or they are removed, so live rooms update presence at once.</summary>
public interface IRoomMemberNotifier
{
    /// <param name="change">Who did it and to whom (names), for the room's timeline.</param>
    Task MemberChangedAsync(Guid roomId, Guid memberId, RoomRole? newRole, MemberChange change);
}
