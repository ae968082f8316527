using System.Threading.Channels;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace CollabCanvas.Web.Hubs;

/// <summary>
/// One room's events, sent to its SignalR group on this node in the order the room published them. The relay
/// hands events over without waiting; this queue keeps their order and sends each one once to the whole group
/// (SignalR serializes a group message once per protocol, so preview bytes are never encoded per connection).
/// When sending falls behind (a frame waited longer than <see cref="StaleAfter"/> and a newer one is queued
/// behind it), the old frame goes out without its image: the step still counts, nobody builds up a backlog
/// of stale frames. A fast model whose frames come in quick bursts but are sent promptly loses none.
/// A <see cref="MemberRemoved"/> goes to the whole group, then that member's connections leave the group.
/// </summary>
internal sealed class RoomBroadcast : IAsyncDisposable
{
    /// <summary>How long a preview frame may wait before a newer frame makes it not worth sending.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMilliseconds(100);

    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Guid _roomId;
    private readonly string _group;
    private readonly IHubContext<RoomsHub> _hub;
    private readonly ILogger _logger;
    private readonly Task _sending;

    public RoomBroadcast(Guid roomId, string group, IHubContext<RoomsHub> hub, ILogger logger)
    {
        _roomId = roomId;
        _group = group;
        _hub = hub;
        _logger = logger;
        _sending = SendLoopAsync(_stopping.Token);
    }

    // Connections of this node that joined the room through the hub, and whose they are. Only touched under
    // the broadcaster's lock (attach, detach) or this lock (the send loop looking up a removed member's).
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Guid> _connections = [];

    public void Attach(string connectionId, Guid memberId)
    {
        lock (_gate)
        {
            _connections[connectionId] = memberId;
        }
    }

    /// <summary>Forgets the connection; true when it was the last one.</summary>
    public bool Detach(string connectionId)
    {
        lock (_gate)
        {
            _connections.Remove(connectionId);
            return _connections.Count == 0;
        }
    }

    /// <summary>The relay's subscription feeding this broadcast; set once it is watching.</summary>
    public Task<IAsyncDisposable>? Watch { get; set; }

    public Task TakeAsync(LocalRoomEvent local)
    {
        _queue.Writer.TryWrite(new Queued(local.Event, TimeProvider.System.GetTimestamp()));
        return Task.CompletedTask;
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Queued>();
        var group = _group;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                while (_queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                var newestPreview = batch.FindLastIndex(item => item.Event is GenerationProgress { Preview: not null });
                for (var index = 0; index < batch.Count; index++)
                {
                    var (roomEvent, enqueuedAt) = batch[index];
                    if (roomEvent is GenerationProgress { Preview: not null } frame && index < newestPreview
                        && TimeProvider.System.GetElapsedTime(enqueuedAt) > StaleAfter)
                    {
                        roomEvent = frame with { Preview = null };
                    }

                    await SendAsync(group, roomEvent, cancellationToken);
                    if (roomEvent is MemberRemoved removed)
                    {
                        // They have just been told; nothing of the room reaches their connections after this.
                        await ExpelAsync(group, removed.MemberId, cancellationToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the last hub member left
        }
    }

    private async Task SendAsync(string group, RoomEvent roomEvent, CancellationToken cancellationToken)
    {
        try
        {
            await _hub.Clients.Group(group).SendAsync(RoomHubEvents.MethodFor(roomEvent), _roomId, roomEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Sending {Event} of room {RoomId} to its hub group failed", roomEvent.GetType().Name, _roomId);
        }
    }

    private async Task ExpelAsync(string group, Guid memberId, CancellationToken cancellationToken)
    {
        List<string> theirs;
        lock (_gate)
        {
            theirs = _connections.Where(pair => pair.Value == memberId).Select(pair => pair.Key).ToList();
        }

        foreach (var connectionId in theirs)
        {
            try
            {
                await _hub.Groups.RemoveFromGroupAsync(connectionId, group, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Taking removed member {MemberId}'s connection out of room {RoomId}'s group failed", memberId, _roomId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Watch is not null)
        {
            try
            {
                await (await Watch).DisposeAsync();
            }
            catch (Exception ex)
            {
                _logger.LogDebug(ex, "The relay subscription of room {RoomId} had already failed", _roomId);
            }
        }

        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _sending;
        _stopping.Dispose();
    }

    private readonly record struct Queued(RoomEvent Event, long EnqueuedAt);
}
