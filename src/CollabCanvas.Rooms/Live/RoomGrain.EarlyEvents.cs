namespace CollabCanvas.Rooms.Live;

/// <summary>
/// Events of a fresh activation, kept for the nodes that have not subscribed yet. When a web node dies, its rooms'
/// grains start again on another node knowing no observers; every node watching such a room subscribes again as soon
/// as it learns of the death, but a command (a person typing) can reach the new activation first. Keeping the first
/// events for a short while and handing them to each node as it subscribes means nobody misses them, so a node's
/// people carry on without reloading. Watchers ignore events at or below the revision they have.
/// </summary>
public sealed partial class RoomGrain
{
    /// <summary>How long after activation events are kept for late subscribers (nodes notice a death within seconds).</summary>
    public static readonly TimeSpan EarlyEventWindow = TimeSpan.FromSeconds(20);

    /// <summary>At most this many are kept (a burst of typing right after a failover is a few dozen).</summary>
    public const int EarlyEventLimit = 500;

    private List<RoomEvent>? _earlyEvents = [];
    private DateTimeOffset _activatedAt;

    private bool EarlyWindowOpen()
    {
        if (_earlyEvents is not null && _time.GetUtcNow() - _activatedAt > EarlyEventWindow)
        {
            _earlyEvents = null;
        }

        return _earlyEvents is not null;
    }

    private void KeepEarly(RoomEvent roomEvent)
    {
        if (EarlyWindowOpen())
        {
            if (_earlyEvents!.Count >= EarlyEventLimit)
            {
                // Past the limit a late node would miss some anyway: it reloads on the gap, as after any missed event.
                _earlyEvents = null;
                return;
            }

            // Previews are dropped from kept steps (the final image is kept): a late node's people get the newest
            // frame anyway, and twenty seconds of frames is too much to hold per room.
            _earlyEvents.Add(roomEvent is GenerationProgress { Preview: not null } progress ? progress with { Preview = null } : roomEvent);
        }
    }

    /// <summary>Sends a node that subscribes for the first time what this activation published before it did.</summary>
    private void ReplayEarlyTo(IRoomObserver observer)
    {
        if (EarlyWindowOpen() && _earlyEvents!.Count > 0)
        {
            foreach (var roomEvent in _earlyEvents)
            {
                _ = observer.OnRoomEvent(roomEvent);
            }
        }
    }
}
