using CollabCanvas.Rooms.Live;
using Orleans.Core.Internal;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>
/// Presence across web nodes: each node renews its people with heartbeats; a node's silence past the lease makes its
/// people leave, and a room that started again takes a live node's people back from its heartbeat.
/// </summary>
[Collection(PresenceClusterCollection.Name)]
public sealed class RoomPresenceGrainTests(PresenceClusterFixture fixture)
{
    private static readonly TimeSpan Interval = new PresenceOptions().HeartbeatInterval;

    private static RoomCaller Person(string name, RoomRole role = RoomRole.Editor) => new(Guid.NewGuid(), name, role, IsGuest: false);

    private static async Task<string[]> PresentAsync(IRoomGrain room) => [.. (await room.GetSnapshot()).Present.Select(p => p.DisplayName).Order()];

    [Fact]
    public async Task People_of_a_node_that_stops_its_heartbeats_leave_within_the_lease_and_the_others_stay()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var (nodeA, nodeB) = (Guid.NewGuid(), Guid.NewGuid());
        var (ada, bo, cy) = (Person("Ada"), Person("Bo"), Person("Cy"));
        var adaTab = new RoomConnection(Guid.NewGuid(), nodeA);
        await room.Connect(ada, adaTab);
        await room.Connect(bo, new RoomConnection(Guid.NewGuid(), nodeB));
        await room.Connect(cy); // a connection no node renews (only a disconnect ends it)
        NodeConnection[] onA = [new(adaTab.ConnectionId, ada, null)];

        // Node B dies. Node A keeps renewing: for a lease nothing changes (a late heartbeat is no death).
        var elapsed = TimeSpan.Zero;
        while (elapsed + Interval <= PresenceClusterFixture.Lease)
        {
            fixture.Clock.Advance(Interval);
            elapsed += Interval;
            await room.Heartbeat(nodeA, null, onA);
            Assert.Equal(["Ada", "Bo", "Cy"], await PresentAsync(room));
        }

        // The first heartbeat past B's lease takes Bo out, with a notice, and leaves Ada (renewed) and Cy (no node).
        fixture.Clock.Advance(Interval);
        await room.Heartbeat(nodeA, null, onA);
        Assert.Equal(["Ada", "Cy"], await PresentAsync(room));
        var left = await observer.WaitForAsync<PresenceChanged>(e => e.Notice == "Bo left");
        Assert.DoesNotContain(left.Present, p => p.DisplayName == "Bo");
        Assert.Equal(1, (await room.GetSnapshot()).Present.Single(p => p.DisplayName == "Ada").Connections);

        // With every node silent, a later visitor does not find Ada lingering either; Cy's connection names no node.
        fixture.Clock.Advance(PresenceClusterFixture.Lease + Interval);
        Assert.Equal(["Cy"], await PresentAsync(room));
    }

    [Fact]
    public async Task A_room_that_started_again_gets_a_live_nodes_people_back_as_they_were_from_its_heartbeat()
    {
        var room = fixture.NewRoom();
        var node = Guid.NewGuid();
        var (ada, bo) = (Person("Ada", RoomRole.Facilitator), Person("Bo", RoomRole.Viewer));
        var (adaTab, boTab) = (new RoomConnection(Guid.NewGuid(), node), new RoomConnection(Guid.NewGuid(), node));
        await room.Connect(bo, boTab);
        await room.Connect(ada, adaTab);
        var before = (await room.GetSnapshot()).Present.ToDictionary(p => p.DisplayName);

        // The room's node dies: it starts again (here, deactivated) with nobody present.
        await room.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await RoomGrainWaits.UntilAsync(async () => (await room.GetSnapshot()).Present.Count == 0, "the room starts again empty");
        var (observer, reference) = await fixture.ObserveAsync(room);

        // The node's next heartbeat (as the relay sends it, with the colours it saw) brings both back, quietly.
        NodeConnection[] held = [new(adaTab.ConnectionId, ada, before["Ada"].ColorIndex), new(boTab.ConnectionId, bo, before["Bo"].ColorIndex)];
        await room.Heartbeat(node, reference, held);
        var after = (await room.GetSnapshot()).Present.ToDictionary(p => p.DisplayName);
        Assert.Equal(["Ada", "Bo"], after.Keys.Order());
        foreach (var name in new[] { "Ada", "Bo" })
        {
            Assert.Equal(before[name] with { Connections = 1 }, after[name]);
        }

        var back = await observer.WaitForAsync<PresenceChanged>(e => e.Present.Count == 2);
        Assert.Null(back.Notice);

        // Repeats change nothing: the same heartbeat, or the connection's own Connect arriving late.
        await room.Heartbeat(node, reference, held);
        await room.Connect(ada, adaTab);
        Assert.Equal(1, (await room.GetSnapshot()).Present.Single(p => p.DisplayName == "Ada").Connections);

        // A close wins over a heartbeat sent before it: Bo stays gone.
        await room.Disconnect(bo.MemberId, boTab.ConnectionId);
        await room.Heartbeat(node, reference, held);
        Assert.Equal(["Ada"], await PresentAsync(room));
    }

    [Fact]
    public async Task A_heartbeat_does_not_bring_back_a_removed_member_and_refuses_a_nameless_node()
    {
        var room = fixture.NewRoom();
        var node = Guid.NewGuid();
        var ada = Person("Ada");
        var tab = new RoomConnection(Guid.NewGuid(), node);
        await room.Connect(ada, tab);
        await room.MemberChanged(ada.MemberId, null);

        await room.Heartbeat(node, null, [new(tab.ConnectionId, ada, null), new(Guid.NewGuid(), ada, null)]);
        Assert.Empty(await PresentAsync(room));

        var bo = Person("Bo");
        await room.Heartbeat(RoomConnection.NoNode, null, [new(Guid.NewGuid(), bo, null)]);
        await room.Heartbeat(node, null, [new(Guid.NewGuid(), bo with { DisplayName = " " }, null)]);
        Assert.Empty(await PresentAsync(room));
    }
}

internal static class RoomGrainWaits
{
    /// <summary>Polls <paramref name="condition"/> for up to 5 s (a deactivation completes in the background).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }
}
