using Bunit;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Components.Rooms;
using CollabCanvas.Web.Rooms;

namespace CollabCanvas.Web.Tests.Components;

public sealed class RoomPageTests : ComponentTestContext
{
    // The live part (grain, engine) has tests of its own; here only the page around it.
    public RoomPageTests()
    {
        ComponentFactories.AddStub<CollabCanvas.Web.Components.Rooms.Live.LiveRoomView>();
        ComponentFactories.AddStub<CollabCanvas.Web.Components.Rooms.Versions.VersionsPanel>();
    }

    [Fact]
    public async Task A_facilitator_sees_the_join_code_and_the_controls_for_each_participant()
    {
        var owner = NewAccount("Owner");
        var room = await NewRoomAsync(owner);
        await Rooms.JoinAsync(RoomActor.Anonymous, new JoinRequest(room.Code, "Kid", null));
        SignIn(owner);

        var page = Render<RoomPage>(p => p.Add(x => x.RoomId, room.Id));

        Assert.Equal(room.Code, page.Find("[data-testid=join-code]").TextContent.Trim());
        Assert.Equal(2, page.FindAll("button[aria-label^='Remove']").Count);
    }

    [Fact]
    public async Task A_viewer_sees_participants_but_no_join_code_and_no_controls()
    {
        var owner = NewAccount("Owner");
        var room = await NewRoomAsync(owner);
        var joined = await Rooms.JoinAsync(RoomActor.Anonymous, new JoinRequest(room.Code, "Watcher", null));
        await Rooms.ChangeRoleAsync(owner, room.Id, joined.Value!.MemberId, RoomRole.Viewer);
        SignIn(RoomActor.Guest(joined.Value.MemberId, room.Id, "Watcher"));

        var page = Render<RoomPage>(p => p.Add(x => x.RoomId, room.Id));

        Assert.Contains("You: Viewer", page.Find("[data-testid=my-role]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=join-code]"));
        Assert.Empty(page.FindAll("button[aria-label^='Remove']"));
        Assert.Contains("Owner", page.Markup);
    }

    [Fact]
    public async Task A_stranger_is_told_why_they_cannot_open_the_room()
    {
        var room = await NewRoomAsync(NewAccount("Owner"));
        SignIn(NewAccount("Stranger"));

        var page = Render<RoomPage>(p => p.Add(x => x.RoomId, room.Id));

        Assert.Contains("You are not a participant of this room.", page.Markup);
        Assert.DoesNotContain(room.Code, page.Markup);
    }
}
