using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Live;

/// <summary>
/// Holds one grain observer per room shown on this node and fans its events out to the node's subscribers
/// (Blazor circuits, hub connections). Subscriptions are renewed before the grain forgets them.
/// </summary>
public sealed class RoomEventRelay(IGrainFactory grains, ILogger<RoomEventRelay> logger) : IAsyncDisposable
{
    private static readonly TimeSpan RenewEvery = RoomGrain.ObserverExpiry / 3;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, RoomFeed> _feeds = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _renewLoop;

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
                RoomFeed[] feeds;
                lock (_gate)
                {
                    feeds = [.. _feeds.Values];
                }

                foreach (var feed in feeds)
                {
                    try
                    {
                        await grains.GetGrain<IRoomGrain>(feed.RoomId).Subscribe(feed.Reference!);
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning(ex, "Renewing the subscription to room {RoomId} failed; retrying next round", feed.RoomId);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_renewLoop is not null)
        {
            await _renewLoop;
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
