using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Live;

/// <summary>
/// Holds one grain observer per room shown on this node and fans its events out to the node's subscribers
/// (Blazor circuits, hub connections). Subscriptions are renewed before the grain forgets them, and at once when
/// a node leaves the cluster: the rooms whose grains lived there start again on another node, knowing no observers.
/// </summary>
public sealed class RoomEventRelay(IGrainFactory grains, IClusterMembershipService membership, ILogger<RoomEventRelay> logger) : IAsyncDisposable
{
    private static readonly TimeSpan RenewEvery = RoomGrain.ObserverExpiry / 3;

    /// <summary>Tries after a node died: the first may still be routed to the dead node's activation.</summary>
    private static readonly TimeSpan[] FailoverRetryDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, RoomFeed> _feeds = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _renewLoop;
    private Task? _membershipLoop;

    /// <summary>Starts delivering the room's events to <paramref name="subscriber"/>; dispose the result to stop.</summary>
    public async Task<IAsyncDisposable> WatchAsync(Guid roomId, Func<LocalRoomEvent, Task> subscriber)
    {
        RoomFeed feed;
        bool isNew;
        lock (_gate)
        {
            isNew = !_feeds.TryGetValue(roomId, out var existing);
            feed = existing ?? new RoomFeed(roomId, logger);
            feed.Add(subscriber);
            if (isNew)
            {
                feed.Reference = grains.CreateObjectReference<IRoomObserver>(feed);
                _feeds[roomId] = feed;
            }

            _renewLoop ??= RenewLoopAsync(_stopping.Token);
            _membershipLoop ??= ResubscribeWhenNodesDieAsync(_stopping.Token);
        }

        if (isNew)
        {
            await grains.GetGrain<IRoomGrain>(roomId).Subscribe(feed.Reference!);
        }

        return new Subscription(this, feed, subscriber);
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

    private async Task RenewLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var feed in await ResubscribeAsync(Feeds()))
                {
                    logger.LogWarning("Renewing the subscription to room {RoomId} failed; retrying next round", feed.RoomId);
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
    /// state and with no observers. Subscribing again now starts this node's rooms and puts their events back on
    /// the way, instead of leaving their watchers deaf until the next renewal.
    /// </summary>
    private async Task ResubscribeWhenNodesDieAsync(CancellationToken cancellationToken)
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

                logger.LogWarning("Node {Silos} left the cluster; subscribing again to the {Count} rooms this node shows", string.Join(", ", dead.Select(member => member.SiloAddress)), Feeds().Count);
                IReadOnlyList<RoomFeed> pending = Feeds();
                foreach (var delay in FailoverRetryDelays)
                {
                    await Task.Delay(delay, cancellationToken);
                    pending = await ResubscribeAsync(pending);
                    if (pending.Count == 0)
                    {
                        break;
                    }
                }

                foreach (var feed in pending)
                {
                    logger.LogWarning("Room {RoomId} could not be subscribed again after a node left; the renewal will retry", feed.RoomId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    private IReadOnlyList<RoomFeed> Feeds()
    {
        lock (_gate)
        {
            return [.. _feeds.Values];
        }
    }

    /// <summary>Subscribes each feed still wanted again (the grain ignores a repeat); returns those that failed.</summary>
    private async Task<IReadOnlyList<RoomFeed>> ResubscribeAsync(IReadOnlyList<RoomFeed> feeds)
    {
        List<RoomFeed> failed = [];
        foreach (var feed in feeds)
        {
            lock (_gate)
            {
                if (!_feeds.TryGetValue(feed.RoomId, out var current) || current != feed)
                {
                    continue;
                }
            }

            try
            {
                await grains.GetGrain<IRoomGrain>(feed.RoomId).Subscribe(feed.Reference!);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Subscribing to room {RoomId} failed", feed.RoomId);
                failed.Add(feed);
            }
        }

        return failed;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_renewLoop is not null)
        {
            await _renewLoop;
        }

        if (_membershipLoop is not null)
        {
            await _membershipLoop;
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
