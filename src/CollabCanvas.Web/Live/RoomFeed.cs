using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Live;

/// <summary>
/// A room event as this node hands it to its own subscribers. Its image becomes a data URL once, the first time
/// a subscriber asks (a Blazor circuit), so every participant on the node gets the same string instead of encoding
/// it again; a node whose only subscribers are hub connections, which send the bytes, never pays for it.
/// </summary>
public sealed class LocalRoomEvent
{
    private readonly Lazy<string?> _imageDataUrl;

    private LocalRoomEvent(RoomEvent roomEvent)
    {
        Event = roomEvent;
        var image = roomEvent switch
        {
            GenerationProgress progress => progress.Preview,
            GenerationChanged changed => changed.Result,
            _ => null,
        };
        _imageDataUrl = new Lazy<string?>(() => image is null ? null : ToDataUrl(image), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public RoomEvent Event { get; }

    /// <summary>The event's image (a step's preview, a run's result) as a data URL; null when it has none.</summary>
    public string? ImageDataUrl => _imageDataUrl.Value;

    /// <summary>Whether <see cref="ImageDataUrl"/> has been made (for tests of who pays for it).</summary>
    internal bool HasEncodedImage => _imageDataUrl.IsValueCreated;

    public static LocalRoomEvent From(RoomEvent roomEvent) => new(roomEvent);

    public static string ToDataUrl(RoomImage image) => $"data:{image.ContentType};base64,{Convert.ToBase64String(image.Bytes)}";
}

/// <summary>
/// This node's observer of one room: it receives the grain's events and hands them to local subscribers in the
/// room's order (events from a grain on another node can arrive out of order; <see cref="RevisionOrder"/>).
/// </summary>
internal sealed class RoomFeed(Guid roomId, NodePresence presence, ILogger logger) : IRoomObserver
{
    /// <summary>How long an event past a gap waits for the missing ones (see <see cref="RevisionOrder"/>).</summary>
    public static readonly TimeSpan ReorderWindow = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly Lock _orderGate = new();
    private readonly RevisionOrder _order = new(ReorderWindow);
    private Timer? _flushTimer;
    private readonly List<Func<LocalRoomEvent, Task>> _subscribers = [];

    public Guid RoomId { get; } = roomId;

    public IRoomObserver? Reference { get; set; }

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public void Add(Func<LocalRoomEvent, Task> subscriber)
    {
        lock (_gate)
        {
            _subscribers.Add(subscriber);
        }
    }

    public bool Remove(Func<LocalRoomEvent, Task> subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
            return _subscribers.Count == 0;
        }
    }

    public Task OnRoomEvent(RoomEvent roomEvent)
    {
        presence.Observe(RoomId, roomEvent);
        lock (_orderGate)
        {
            Hand(_order.Take(roomEvent, TimeProvider.System.GetTimestamp()));
            ArmFlush();
        }

        return Task.CompletedTask;
    }

    private void ArmFlush()
    {
        if (_order.IsHolding && _flushTimer is null)
        {
            _flushTimer = new Timer(_ => FlushHeld(), null, _order.HoldFor, Timeout.InfiniteTimeSpan);
        }
    }

    private void FlushHeld()
    {
        lock (_orderGate)
        {
            _flushTimer?.Dispose();
            _flushTimer = null;
            Hand(_order.Flush(TimeProvider.System.GetTimestamp(), TimeProvider.System));
            ArmFlush();
        }
    }

    /// <summary>Hands events to every subscriber in the order given (called under the order lock, so they stay in order).</summary>
    private void Hand(IReadOnlyList<RoomEvent> ready)
    {
        if (ready.Count == 0)
        {
            return;
        }

        Func<LocalRoomEvent, Task>[] targets;
        lock (_gate)
        {
            targets = [.. _subscribers];
        }

        foreach (var roomEvent in ready)
        {
            var local = LocalRoomEvent.From(roomEvent);
            foreach (var target in targets)
            {
                // Each subscriber marshals to its own circuit; one slow circuit must not hold up the others.
                _ = DeliverAsync(target, local);
            }
        }
    }

    private async Task DeliverAsync(Func<LocalRoomEvent, Task> target, LocalRoomEvent local)
    {
        try
        {
            await target(local);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber of room {RoomId} failed to take event {Event}", RoomId, local.Event.GetType().Name);
        }
    }
}
