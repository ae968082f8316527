using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;

namespace CollabCanvas.Web.Tests.Live;

/// <summary>A node hands a room's events on in the room's order, whatever order they cross the cluster in.</summary>
public sealed class RevisionOrderTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void A_burst_that_arrives_backwards_goes_out_in_revision_order()
    {
        var time = new ManualTime();
        var order = new RevisionOrder(Hold);
        List<long> sent = [.. Revisions(order.Take(Event(1), time.GetTimestamp()))];
        foreach (var revision in new long[] { 6, 5, 4, 3 })
        {
            sent.AddRange(Revisions(order.Take(Event(revision), time.GetTimestamp())));
            Assert.True(order.IsHolding);
        }

        sent.AddRange(Revisions(order.Take(Event(2), time.GetTimestamp())));

        Assert.Equal([1, 2, 3, 4, 5, 6], sent);
        Assert.False(order.IsHolding);
    }

    [Fact]
    public void A_gap_that_never_fills_is_given_up_after_the_hold_and_later_events_flow()
    {
        var time = new ManualTime();
        var order = new RevisionOrder(Hold);
        Assert.Equal([10], Revisions(order.Take(Event(10), time.GetTimestamp())));
        Assert.Empty(order.Take(Event(12), time.GetTimestamp()));
        Assert.Empty(order.Take(Event(13), time.GetTimestamp()));

        time.Advance(Hold / 2);
        Assert.Empty(order.Flush(time.GetTimestamp(), time));
        time.Advance(Hold);
        Assert.Equal([12, 13], Revisions(order.Flush(time.GetTimestamp(), time)));

        // The lost one arriving late passes (watchers drop what they have); the next one flows at once.
        Assert.Equal([11], Revisions(order.Take(Event(11), time.GetTimestamp())));
        Assert.Equal([14], Revisions(order.Take(Event(14), time.GetTimestamp())));
    }

    [Fact]
    public void Transient_events_are_never_held()
    {
        var time = new ManualTime();
        var order = new RevisionOrder(Hold);
        order.Take(Event(1), time.GetTimestamp());
        Assert.Empty(order.Take(Event(3), time.GetTimestamp()));

        var drawing = new StrokeAbandoned(3, Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal([drawing], order.Take(drawing, time.GetTimestamp()));
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static PresenceChanged Event(long revision) => new(revision, [], null);

    private static long[] Revisions(IEnumerable<RoomEvent> events) => [.. events.Select(e => e.Revision)];
}
