using System.ComponentModel.DataAnnotations;
using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Rooms.Tests.Live;

public sealed class PresenceConnectionsTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly ManualClock _clock = new();
    private readonly Guid _nodeA = Guid.NewGuid();
    private readonly Guid _nodeB = Guid.NewGuid();
    private readonly Guid _ada = Guid.NewGuid();
    private readonly Guid _bo = Guid.NewGuid();

    private PresenceConnections Connections() => new(_clock, Lease);

    private RoomConnection On(Guid node) => new(Guid.NewGuid(), node);

    [Fact]
    public void A_silent_nodes_connections_expire_after_the_lease_and_a_renewing_nodes_stay()
    {
        var connections = Connections();
        Assert.True(connections.Open(On(_nodeA), _ada));
        Assert.True(connections.Open(On(_nodeB), _bo));
        Assert.True(connections.Open(On(_nodeB), _bo)); // a second tab

        for (var round = 0; round < 3; round++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            connections.Renew(_nodeA);
            Assert.Empty(connections.Expire()); // 30 s since B was heard: not past the lease yet
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        connections.Renew(_nodeA);
        Assert.Equal([_bo, _bo], connections.Expire());
        Assert.Equal(0, connections.CountOf(_bo));
        Assert.Equal(1, connections.CountOf(_ada));

        _clock.Advance(TimeSpan.FromMinutes(10)); // A renews on every round; without it, A's lease runs out too
        Assert.Equal([_ada], connections.Expire());
    }

    [Fact]
    public void A_new_connection_from_a_node_renews_its_lease_as_a_heartbeat_does()
    {
        var connections = Connections();
        connections.Open(On(_nodeA), _ada);
        _clock.Advance(Lease - TimeSpan.FromSeconds(1));
        connections.Open(On(_nodeA), _bo);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(connections.Expire());

        _clock.Advance(Lease);
        Assert.Equal(new[] { _ada, _bo }.Order(), connections.Expire().Order());
    }

    [Fact]
    public void Connections_of_no_node_never_expire()
    {
        var connections = Connections();
        connections.Open(new RoomConnection(Guid.NewGuid(), RoomConnection.NoNode), _ada);
        _clock.Advance(TimeSpan.FromHours(5));
        Assert.Empty(connections.Expire());
        Assert.Equal(1, connections.CountOf(_ada));
    }

    [Fact]
    public void A_closed_connection_is_not_opened_again_by_a_late_heartbeat_for_one_lease()
    {
        var connections = Connections();
        var tab = On(_nodeA);
        connections.Open(tab, _ada);
        Assert.False(connections.Open(tab, _ada)); // a repeat counts once

        Assert.True(connections.Close(tab.ConnectionId));
        Assert.False(connections.Close(tab.ConnectionId));
        Assert.False(connections.Open(tab, _ada)); // a heartbeat sent before the close
        Assert.Equal(0, connections.CountOf(_ada));

        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        connections.Expire();
        Assert.True(connections.Open(tab, _ada)); // the id is forgotten after a lease (ids are never reused anyway)
    }

    [Fact]
    public void A_node_taken_for_dead_gets_its_people_back_with_its_next_heartbeat()
    {
        var connections = Connections();
        var tab = On(_nodeA);
        connections.Open(tab, _ada);
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal([_ada], connections.Expire());

        connections.Renew(_nodeA);
        Assert.True(connections.Open(tab, _ada)); // only slow, not dead
        Assert.Equal(1, connections.CountOf(_ada));
    }

    [Fact]
    public void Removing_a_member_closes_all_their_connections_for_good()
    {
        var connections = Connections();
        var (first, second) = (On(_nodeA), On(_nodeB));
        connections.Open(first, _ada);
        connections.Open(second, _ada);
        connections.CloseAllOf(_ada);
        Assert.Equal(0, connections.CountOf(_ada));
        Assert.Null(connections.AnyOf(_ada));
        Assert.False(connections.Open(second, _ada));
    }

    [Theory]
    [InlineData(10, 30, true)]
    [InlineData(10, 20, true)]
    [InlineData(10, 19, false)] // one late heartbeat would make a live node's people leave
    [InlineData(0, 30, false)]
    [InlineData(60, 600, false)] // past the grain's observer expiry budget
    public void Options_need_a_lease_of_at_least_two_heartbeats(int intervalSeconds, int leaseSeconds, bool valid)
    {
        var options = new PresenceOptions { HeartbeatInterval = TimeSpan.FromSeconds(intervalSeconds), Lease = TimeSpan.FromSeconds(leaseSeconds) };
        var results = new List<ValidationResult>();
        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
    }
}
