using Orleans.Concurrency;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// Receives a room's events. Each web node subscribes one observer per room it shows and fans out to its own
/// connections, so an event crosses from the grain to each node once, not once per participant.
/// </summary>
public interface IRoomObserver : IGrainObserver
{
    [OneWay]
    Task OnRoomEvent(RoomEvent roomEvent);
}
