using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Live;

/// <summary>
/// Puts one room's events back in the order the room published them before a node hands them on. Between nodes
/// Orleans delivers observer calls without an order (a burst of preview steps once arrived 1, 6, 5, 4, 3, 2), and a
/// co-edited prompt must see its edits in order. Each event the room publishes has the next revision, so an event
/// past a gap is held until the gap fills or <see cref="HoldFor"/> passes; then what is held goes out in order and
/// the subscribers handle the gap as any missed event (reload the snapshot). Transient events (no revision of their
/// own) and events older than what already went out pass at once (watchers drop what they already have).
/// Not thread-safe: the feed calls it under its lock.
/// </summary>
internal sealed class RevisionOrder(TimeSpan holdFor)
{
    private readonly SortedDictionary<long, RoomEvent> _held = [];
    private long? _next;
    private long _holdingSince;

    public TimeSpan HoldFor { get; } = holdFor;

    /// <summary>Whether events are waiting for a gap to fill (the caller then calls <see cref="Flush"/> after <see cref="HoldFor"/>).</summary>
    public bool IsHolding => _held.Count > 0;

    /// <summary>Takes an arriving event; returns those now ready to go out, in order.</summary>
    public IReadOnlyList<RoomEvent> Take(RoomEvent roomEvent, long timestamp)
    {
        if (roomEvent is TransientRoomEvent)
        {
            return [roomEvent];
        }

        if (_next is not { } next || roomEvent.Revision == next)
        {
            List<RoomEvent> ready = [roomEvent];
            _next = roomEvent.Revision + 1;
            DrainInOrder(ready);
            return ready;
        }

        if (roomEvent.Revision < next)
        {
            return [roomEvent];
        }

        if (_held.Count == 0)
        {
            _holdingSince = timestamp;
        }

        _held[roomEvent.Revision] = roomEvent;
        return [];
    }

    /// <summary>Releases what is held once it has waited <see cref="HoldFor"/>: the gap is taken as lost.</summary>
    public IReadOnlyList<RoomEvent> Flush(long timestamp, TimeProvider time)
    {
        if (_held.Count == 0 || time.GetElapsedTime(_holdingSince, timestamp) < HoldFor)
        {
            return [];
        }

        List<RoomEvent> ready = [];
        var first = _held.First();
        _held.Remove(first.Key);
        ready.Add(first.Value);
        _next = first.Key + 1;
        DrainInOrder(ready);
        if (_held.Count > 0)
        {
            // Another gap further on: it gets its own wait.
            _holdingSince = timestamp;
        }

        return ready;
    }

    private void DrainInOrder(List<RoomEvent> ready)
    {
        while (_held.Remove(_next!.Value, out var following))
        {
            ready.Add(following);
            _next++;
        }
    }
}
