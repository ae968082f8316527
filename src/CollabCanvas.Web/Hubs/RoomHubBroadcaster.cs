using CollabCanvas.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace CollabCanvas.Web.Hubs;

/// <summary>
/// Pushes rooms' events to hub clients: ONE <see cref="RoomEventRelay"/> subscription per room on this node,
/// however many hub connections joined it, sent to the room's SignalR group. The first connection to join a
/// room starts it, the last to leave stops it.
/// </summary>
public sealed class RoomHubBroadcaster(RoomEventRelay relay, IHubContext<RoomsHub> hub, RoomHubGroups groups, ILogger<RoomHubBroadcaster> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, RoomBroadcast> _rooms = [];

    /// <summary>Whether this node is sending the room's events to hub clients (for diagnostics and tests).</summary>
    public bool IsBroadcasting(Guid roomId)
    {
        lock (_gate)
        {
            return _rooms.ContainsKey(roomId);
        }
    }

    /// <summary>
    /// Counts a member's hub connection into the room; completes once the room's events are flowing to its group.
    /// The broadcast remembers whose connection it is, so a removal can take that member's connections out.
    /// </summary>
    public async Task AttachAsync(Guid roomId, Guid memberId, string connectionId)
    {
        Task<IAsyncDisposable> watch;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomId, out var broadcast))
            {
                broadcast = new RoomBroadcast(roomId, groups.GroupFor(roomId), hub, logger);
                broadcast.Watch = relay.WatchAsync(roomId, broadcast.TakeAsync);
                _rooms[roomId] = broadcast;
            }

            broadcast.Attach(connectionId, memberId);
            watch = broadcast.Watch!;
        }

        // Every joiner waits for the grain subscription, not only the first: its snapshot is taken afterwards.
        await watch;
    }

    /// <summary>Counts a hub connection out of the room; the last one out stops the room's broadcast.</summary>
    public async Task DetachAsync(Guid roomId, string connectionId)
    {
        RoomBroadcast? last = null;
        lock (_gate)
        {
            if (_rooms.TryGetValue(roomId, out var broadcast) && broadcast.Detach(connectionId))
            {
                _rooms.Remove(roomId);
                last = broadcast;
            }
        }

        if (last is not null)
        {
            await last.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        RoomBroadcast[] all;
        lock (_gate)
        {
            all = [.. _rooms.Values];
            _rooms.Clear();
        }

        foreach (var broadcast in all)
        {
            await broadcast.DisposeAsync();
        }
    }
}
