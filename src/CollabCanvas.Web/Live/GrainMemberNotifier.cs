using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Rooms;

namespace CollabCanvas.Web.Live;

/// <summary>Tells the room grain about role changes and removals so everyone's presence list updates.</summary>
internal sealed class GrainMemberNotifier(IGrainFactory grains) : IRoomMemberNotifier
{
    public Task MemberChangedAsync(Guid roomId, Guid memberId, RoomRole? newRole, MemberChange change) =>
        grains.GetGrain<IRoomGrain>(roomId).MemberChanged(memberId, newRole, change);
}
