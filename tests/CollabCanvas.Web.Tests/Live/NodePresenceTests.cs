using System.ComponentModel.DataAnnotations;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CollabCanvas.Web.Tests.Live;

/// <summary>What a node's heartbeat tells a room: the connections it holds, with the role and colour the room last showed.</summary>
public sealed class NodePresenceTests
{
    private static readonly Guid Room = Guid.NewGuid();
    private static readonly RoomCaller Ada = new(Guid.NewGuid(), "Ada", RoomRole.Editor, IsGuest: false);
    private static readonly RoomCaller Bo = new(Guid.NewGuid(), "Bo", RoomRole.Viewer, IsGuest: true);

    [Fact]
    public void A_heartbeat_carries_each_open_connection_under_the_nodes_id_until_it_closes()
    {
        var presence = new NodePresence();
        var first = presence.Open(Room, Ada);
        var second = presence.Open(Room, Ada);
        presence.Open(Room, Bo);
        Assert.Equal(presence.NodeId, first.NodeId);
        Assert.NotEqual(first.ConnectionId, second.ConnectionId);
        Assert.Equal([Room], presence.Rooms());
        Assert.Equal(3, presence.ConnectionsIn(Room).Count);

        presence.Close(Room, first.ConnectionId);
        Assert.Equal([second.ConnectionId], presence.ConnectionsIn(Room).Where(c => c.Caller == Ada).Select(c => c.ConnectionId));
        Assert.Empty(presence.ConnectionsIn(Guid.NewGuid()));
        Assert.NotEqual(presence.NodeId, new NodePresence().NodeId);
    }

    [Fact]
    public void Roles_colours_and_removals_the_room_announces_go_into_the_next_heartbeat()
    {
        var presence = new NodePresence();
        presence.Open(Room, Ada);
        presence.Open(Room, Bo);
        presence.Seen(Room, [new PresentMember(Ada.MemberId, "Ada", RoomRole.Editor, false, ColorIndex: 3, Connections: 1, IsTyping: false)]);
        presence.Observe(Room, new MemberRoleChanged(1, Ada.MemberId, RoomRole.Facilitator));

        var ada = Assert.Single(presence.ConnectionsIn(Room), c => c.Caller.MemberId == Ada.MemberId);
        Assert.Equal(RoomRole.Facilitator, ada.Caller.Role);
        Assert.Equal(3, ada.ColorIndex);
        Assert.Equal(3, presence.Open(Room, Ada).ColorIndex); // a new tab (or Bo coming back through this node) keeps it

        presence.Observe(Room, new PresenceChanged(2, [new PresentMember(Bo.MemberId, "Bo", RoomRole.Viewer, true, 5, 1, false)], null));
        Assert.Equal(5, Assert.Single(presence.ConnectionsIn(Room), c => c.Caller == Bo).ColorIndex);

        presence.Observe(Room, new MemberRemoved(3, Bo.MemberId));
        Assert.DoesNotContain(presence.ConnectionsIn(Room), c => c.Caller.MemberId == Bo.MemberId);
    }

    [Fact]
    public void A_room_with_no_connections_left_is_forgotten_with_its_colours()
    {
        var presence = new NodePresence();
        var tab = presence.Open(Room, Ada);
        presence.Seen(Room, [new PresentMember(Ada.MemberId, "Ada", RoomRole.Editor, false, 4, 1, false)]);
        presence.Close(Room, tab.ConnectionId);
        Assert.Empty(presence.Rooms());
        Assert.Null(presence.Open(Room, Ada).ColorIndex);
    }

    [Fact]
    public void The_shipped_settings_are_the_documented_defaults_and_valid()
    {
        var options = new PresenceOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.json")).Build()
            .GetSection(PresenceOptions.SectionName).Bind(options);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)), (options.HeartbeatInterval, options.Lease));
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
