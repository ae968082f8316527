using Bunit;
using CollabCanvas.Web.Components.Rooms;

namespace CollabCanvas.Web.Tests.Components;

public sealed class RoomsPageTests : ComponentTestContext
{
    [Fact]
    public void Anonymous_visitors_see_the_join_form_and_an_invitation_to_log_in_but_no_create_form()
    {
        var page = Render<RoomsPage>();

        Assert.NotNull(page.Find("#join-code"));
        Assert.Contains("to see and create rooms", page.Markup);
        Assert.Empty(page.FindAll("#room-name"));
    }

    [Fact]
    public async Task Accounts_see_their_rooms_with_their_role_escaped_and_the_create_form()
    {
        var ada = NewAccount("Ada");
        var bold = await NewRoomAsync(ada, "<b>Bold</b> ideas");
        await NewRoomAsync(NewAccount("Someone else"), "Not mine");
        SignIn(ada);

        var page = Render<RoomsPage>();

        var items = page.FindAll(".cc-room-list a, .cc-room-list .mud-list-item");
        Assert.Contains(items, item => item.TextContent.Contains("<b>Bold</b> ideas") && item.TextContent.Contains("Facilitator"));
        Assert.DoesNotContain("Not mine", page.Markup);
        Assert.DoesNotContain("<b>Bold</b>", page.Markup);
        Assert.Contains($"rooms/{bold.Id}", page.Markup);
        Assert.NotNull(page.Find("#room-name"));
    }

    [Fact]
    public async Task A_new_account_is_told_it_has_no_rooms_yet()
    {
        SignIn(NewAccount("Newcomer"));
        await Task.CompletedTask;

        var page = Render<RoomsPage>();

        Assert.Contains("You are not in any room yet", page.Find(".cc-empty").TextContent);
    }

    [Fact]
    public async Task A_guest_sees_only_their_one_room_and_cannot_create_rooms()
    {
        var owner = NewAccount("Owner");
        var room = await NewRoomAsync(owner, "Workshop");
        await NewRoomAsync(owner, "Staff room");
        var joined = await Rooms.JoinAsync(CollabCanvas.Rooms.RoomActor.Anonymous, new Web.Rooms.JoinRequest(room.Code, "Kid", null));
        SignIn(CollabCanvas.Rooms.RoomActor.Guest(joined.Value!.MemberId, room.Id, "Kid"));

        var page = Render<RoomsPage>();

        Assert.Contains("Your room", page.Markup);
        Assert.Contains("Workshop", page.Markup);
        Assert.DoesNotContain("Staff room", page.Markup);
        Assert.Empty(page.FindAll("#room-name"));
    }
}
