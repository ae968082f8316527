using Bunit;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Hub;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Components.Live;

/// <summary>A removal or a lowered role reaches the person's open room page (their circuit) at once.</summary>
[Collection(HubCollection.Name)]
public sealed class LiveViewMembershipTests(BrowserAppFactory app)
{
    [Fact]
    public async Task A_removed_persons_view_says_so_and_stops_following_the_room()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var flo = await HubPeople.RegisterAsync(app, "Flo");
        var room = await People.CreateRoomAsync(app, ada.Person);
        var floId = await People.AddMemberAsync(app, ada.Person, room, flo.Person, RoomRole.Editor);
        await using var adaView = LiveViewCircuit.Open(app, ada.Actor, room.Id);
        string? told = null;
        await using var floView = LiveViewCircuit.Open(app, flo.Actor, room.Id, message => told = message);

        var removed = await app.Services.GetRequiredService<RoomService>().RemoveParticipantAsync(ada.Actor, room.Id, floId);
        Assert.True(removed.Succeeded, removed.Error?.Message);

        floView.View.WaitForAssertion(() => Assert.Equal(RoomGrain.RemovedMessage, floView.View.Find("[data-testid=live-error]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.Equal(RoomGrain.RemovedMessage, told);
        Assert.Empty(floView.View.FindAll("[data-testid=prompt-input]"));

        // The room carries on for Ada; Flo's view no longer follows it.
        var markup = floView.View.Markup;
        Assert.True(await adaView.PaintAsync(new MaskStrokeBuilder().Build()));
        adaView.View.WaitForAssertion(() => Assert.Equal(1, adaView.StrokeCount), TimeSpan.FromSeconds(30));
        Assert.Equal(markup, floView.View.Markup);
    }

    [Fact]
    public async Task A_person_made_a_viewer_is_told_and_their_view_turns_read_only()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var flo = await HubPeople.RegisterAsync(app, "Flo");
        var room = await People.CreateRoomAsync(app, ada.Person);
        var floId = await People.AddMemberAsync(app, ada.Person, room, flo.Person, RoomRole.Editor);
        await using var floView = LiveViewCircuit.Open(app, flo.Actor, room.Id);
        Assert.False(floView.View.Find("[data-testid=prompt-input]").HasAttribute("readonly"));

        var changed = await app.Services.GetRequiredService<RoomService>().ChangeRoleAsync(ada.Actor, room.Id, floId, RoomRole.Viewer);
        Assert.True(changed.Succeeded, changed.Error?.Message);

        floView.View.WaitForAssertion(() => Assert.Equal("A facilitator made you a Viewer.", floView.View.Find("[data-testid=access-notice]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.True(floView.View.Find("[data-testid=prompt-input]").HasAttribute("readonly"));
    }
}
