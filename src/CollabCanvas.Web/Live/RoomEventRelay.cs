using CollabCanvas.Rooms.Live;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Live;

/// <summary>
/// Holds one grain observer per room shown on this node and fans its events out to the node's subscribers
/// (Blazor circuits, hub connections). Every <c>Presence:HeartbeatInterval</c> it sends each room this node shows or
/// has people in a heartbeat (<see cref="IRoomGrain.Heartbeat"/>): it renews the observer before the grain forgets it
/// and the lease on this node's people (<see cref="NodePresence"/>), and brings them back to a room that started again
/// elsewhere. When a node leaves the cluster it does so at once: the rooms whose grains lived there start again on
/// another node, knowing no observers and nobody present.
/// </summary>
public sealed class RoomEventRelay(
    IGrainFactory grains, IClusterMembershipService membership, NodePresence presence, IOptions<PresenceOptions> options, ILogger<RoomEventRelay> logger)
    : IAsyncDisposable
{
    /// <summary>Tries after a node died: the first may still be routed to the dead node's activation.</summary>
    private static readonly TimeSpan[] FailoverRetryDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, RoomFeed> _feeds = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _heartbeatLoop;
    private Task? _membershipLoop;
    private bool _disposed;

    /// <summary>Starts delivering the room's events to <paramref name="subscriber"/>; dispose the result to stop.</summary>
    public async Task<IAsyncDisposable> WatchAsync(Guid roomId, Func<LocalRoomEvent, Task> subscriber)
    {
        RoomFeed feed;
        bool isNew;
        lock (_gate)
        {
            isNew = !_feeds.TryGetValue(roomId, out var existing);
            feed = existing ?? new RoomFeed(roomId, presence, logger);
            feed.Add(subscriber);
            if (isNew)
            {
                feed.Reference = grains.CreateObjectReference<IRoomObserver>(feed);
                _feeds[roomId] = feed;
            }

            StartLoops();
        }

        if (isNew)
        {
            await grains.GetGrain<IRoomGrain>(roomId).Subscribe(feed.Reference!);
        }

        return new Subscription(this, feed, subscriber);
    }

    /// <summary>Makes sure heartbeats run: called when this node opens a presence connection (which may not watch the room).</summary>
    public void EnsureHeartbeats()
    {
        lock (_gate)
        {
            StartLoops();
        }
    }

    /// <summary>How many rooms this node watches (for diagnostics and tests).</summary>
    public int WatchedRooms
    {
        get
        {
            lock (_gate)
            {
                return _feeds.Count;
            }
        }
    }

    private void StartLoops()
    {
        if (!_disposed)
        {
            _heartbeatLoop ??= HeartbeatLoopAsync(_stopping.Token);
            _membershipLoop ??= HeartbeatWhenNodesDieAsync(_stopping.Token);
        }
    }

    private async Task StopWatchingAsync(RoomFeed feed, Func<LocalRoomEvent, Task> subscriber)
    {
        bool last;
        lock (_gate)
        {
            last = feed.Remove(subscriber) && _feeds.Remove(feed.RoomId);
        }

        if (last && feed.Reference is { } reference)
        {
            try
            {
                await grains.GetGrain<IRoomGrain>(feed.RoomId).Unsubscribe(reference);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Unsubscribing from room {RoomId} failed; the grain will expire the observer", feed.RoomId);
            }

            grains.DeleteObjectReference<IRoomObserver>(reference);
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var roomId in await HeartbeatAsync(Rooms()))
                {
                    logger.LogWarning("The heartbeat to room {RoomId} failed; retrying next round", roomId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    /// <summary>
    /// When a node is declared dead its grains are gone: the next call starts each again elsewhere, from the saved
    /// state, with no observers and nobody present. A heartbeat now starts this node's rooms, puts their events back
    /// on the way and this node's people back in presence, instead of leaving them deaf and absent until the next round.
    /// </summary>
    private async Task HeartbeatWhenNodesDieAsync(CancellationToken cancellationToken)
    {
        try
        {
            ClusterMembershipSnapshot? previous = null;
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var dead = previous is null ? [] : snapshot.CreateUpdate(previous).Changes.Where(member => member.Status == SiloStatus.Dead).ToList();
                previous = snapshot;
                if (dead.Count == 0)
                {
                    continue;
                }

                IReadOnlyList<Guid> pending = Rooms();
                logger.LogWarning("Node {Silos} left the cluster; sending a heartbeat to the {Count} rooms this node shows", string.Join(", ", dead.Select(member => member.SiloAddress)), pending.Count);
                foreach (var delay in FailoverRetryDelays)
                {
                    await Task.Delay(delay, cancellationToken);
                    pending = await HeartbeatAsync(pending);
                    if (pending.Count == 0)
                    {
                        break;
                    }
                }

                foreach (var roomId in pending)
                {
                    logger.LogWarning("Room {RoomId} did not take a heartbeat after a node left; the next round will retry", roomId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    /// <summary>Rooms this node watches or has people in.</summary>
    private IReadOnlyList<Guid> Rooms()
    {
        lock (_gate)
        {
            return [.. _feeds.Keys.Union(presence.Rooms())];
        }
    }

    /// <summary>Sends each room this node's observer (if it still watches it) and connections; returns those that failed.</summary>
    private async Task<IReadOnlyList<Guid>> HeartbeatAsync(IReadOnlyList<Guid> roomIds)
    {
        List<Guid> failed = [];
        foreach (var roomId in roomIds)
        {
            IRoomObserver? observer;
            lock (_gate)
            {
                observer = _feeds.TryGetValue(roomId, out var feed) ? feed.Reference : null;
            }

            var connections = presence.ConnectionsIn(roomId);
            if (observer is null && connections.Count == 0)
            {
                continue; // left since the list was made
            }

            try
            {
                await grains.GetGrain<IRoomGrain>(roomId).Heartbeat(presence.NodeId, observer, connections);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "The heartbeat to room {RoomId} failed", roomId);
                failed.Add(roomId);
            }
        }

        return failed;
    }

    public async ValueTask DisposeAsync()
    {
        Task? heartbeats;
        Task? memberships;
        lock (_gate)
        {
            _disposed = true;
            (heartbeats, memberships) = (_heartbeatLoop, _membershipLoop);
        }

        await _stopping.CancelAsync();
        if (heartbeats is not null)
        {
            await heartbeats;
        }

        if (memberships is not null)
        {
            await memberships;
        }

        _stopping.Dispose();
    }

    private sealed class Subscription(RoomEventRelay relay, RoomFeed feed, Func<LocalRoomEvent, Task> subscriber) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? new ValueTask(relay.StopWatchingAsync(feed, subscriber)) : ValueTask.CompletedTask;
    }
}
