using CollabCanvas.Rooms;

namespace CollabCanvas.Web.Rooms;

/// <summary>Told when a member's role changes or they are removed, so live rooms update presence at once.</summary>
public interface IRoomMemberNotifier
{
    Task MemberChangedAsync(Guid roomId, Guid memberId, RoomRole? newRole);
}
