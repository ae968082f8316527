using System.Net;
using System.Net.Http.Json;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>
/// A Facilitator removing someone (or lowering their role) over HTTP takes effect at once on the hub: every
/// connection of that person is told, a removed person's connections stop getting the room's events, and
/// their further calls are refused by the normal authorization.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class HubMembershipTests(BrowserAppFactory app)
{
    [Fact]
    public async Task A_person_removed_over_http_is_told_on_every_connection_hears_nothing_more_and_is_refused()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var flo = await HubPeople.RegisterAsync(app, "Flo");
        var room = await People.CreateRoomAsync(app, ada.Person);
        var floId = await People.AddMemberAsync(app, ada.Person, room, flo.Person, RoomRole.Editor);
        await using var a = await RoomHubClient.ConnectAsync(app, ada);
        await using var tab1 = await RoomHubClient.ConnectAsync(app, flo);
        await using var tab2 = await RoomHubClient.ConnectAsync(app, flo, messagePack: true);
        await a.JoinAsync(room.Id);
        await tab1.JoinAsync(room.Id);
        await tab2.JoinAsync(room.Id);

        var response = await ada.Person.Client.DeleteAsync($"/api/rooms/{room.Id}/members/{floId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        foreach (var tab in new[] { tab1, tab2 })
        {
            await RoomHubClient.WaitUntilAsync(() => tab.Events<MemberRemoved>(room.Id).Any(e => e.MemberId == floId), "Flo's connection is told of the removal");
        }

        // Ada's stroke reaches Ada, and by the time a second one has, Flo's connections would have had the first.
        await a.Connection.InvokeAsync<MaskStroke>("AddStroke", room.Id, new MaskStrokeBuilder().Build());
        await a.Connection.InvokeAsync<MaskStroke>("AddStroke", room.Id, new MaskStrokeBuilder().At(9).Build());
        await RoomHubClient.WaitUntilAsync(() => a.Events<StrokeAdded>(room.Id).Count == 2, "Ada sees her strokes");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Empty(tab1.Events<StrokeAdded>(room.Id));
        Assert.Empty(tab2.Events<StrokeAdded>(room.Id));
        Assert.DoesNotContain((await a.Connection.InvokeAsync<RoomSnapshot>("Snapshot", room.Id)).Present, p => p.MemberId == floId);

        await Assert.ThrowsAsync<HubException>(() => tab1.Connection.InvokeAsync<MaskStroke>("AddStroke", room.Id, new MaskStrokeBuilder().Build()));
        await Assert.ThrowsAsync<HubException>(() => tab2.Connection.InvokeAsync<RoomSnapshot>("Snapshot", room.Id));
        Assert.Equal(HubConnectionState.Connected, tab1.Connection.State);
        var api = await flo.Person.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { steps = 33 });
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [Fact]
    public async Task A_person_whose_role_is_lowered_over_http_is_told_and_refused_what_the_new_role_may_not_do()
    {
        await using var two = await TwoPeopleInARoom.JoinAsync(app, "Flo", RoomRole.Editor);
        var (ada, room, floId, a, f) = (two.Ada, two.Room, two.SecondMemberId, two.AdaClient, two.SecondClient);

        var response = await ada.Person.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/members/{floId}/role", new { role = "Viewer" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await RoomHubClient.WaitUntilAsync(() => f.Events<MemberRoleChanged>(room.Id).Any(e => e.MemberId == floId && e.Role == RoomRole.Viewer), "Flo is told they are a Viewer");
        var refused = await Assert.ThrowsAsync<HubException>(() => f.Connection.InvokeAsync<MaskStroke>("AddStroke", room.Id, new MaskStrokeBuilder().Build()));
        Assert.EndsWith("you are a Viewer.", refused.Message, StringComparison.Ordinal);

        // A Viewer still watches the room.
        await a.Connection.InvokeAsync<MaskStroke>("AddStroke", room.Id, new MaskStrokeBuilder().Build());
        await RoomHubClient.WaitUntilAsync(() => f.Events<StrokeAdded>(room.Id).Count == 1, "Flo, now a Viewer, sees Ada's stroke");
    }
}
