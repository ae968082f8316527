using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>
/// The hub asks the same gate as the pages (the role table is tested action by action over HTTP in
/// AuthorizationMatrixTests): here, that a refusal reaches only its caller, with the message, and that the
/// connection and the room carry on.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class HubRefusalTests(BrowserAppFactory app)
{
    [Fact]
    public async Task A_viewers_edit_and_generate_are_refused_with_a_message_and_the_room_carries_on()
    {
        await using var two = await TwoPeopleInARoom.JoinAsync(app, "Vic", RoomRole.Viewer);
        var (room, a, v) = (two.Room, two.AdaClient, two.SecondClient);
        var viewer = v.Session!;
        Assert.Equal(RoomRole.Viewer, viewer.Me.Role);

        var generate = await Assert.ThrowsAsync<HubException>(() => v.Connection.InvokeAsync("Generate", room.Id));
        Assert.Contains("you are a Viewer", generate.Message, StringComparison.Ordinal);
        var edit = new PromptEdit(Guid.NewGuid(), viewer.Snapshot.Prompt.Revision, TextOperation.Insert(0, 0, "hijack"));
        var editRefused = await Assert.ThrowsAsync<HubException>(() => v.Connection.InvokeAsync<PromptApplied>("EditPrompt", room.Id, PromptField.Prompt, edit));
        Assert.Contains("Viewer", editRefused.Message, StringComparison.Ordinal);
        var stroke = new MaskStrokeBuilder().Build();
        await Assert.ThrowsAsync<HubException>(() => v.Connection.InvokeAsync<CollabCanvas.Rooms.Mask.MaskStroke>("AddStroke", room.Id, stroke));

        // Nothing happened in the room; the Facilitator works on, and the Viewer's connection still receives it.
        Assert.Empty(a.Events<GenerationChanged>(room.Id));
        Assert.Equal(HubConnectionState.Connected, v.Connection.State);
        await a.TypeAsync(0, "calm sea");
        await RoomHubClient.WaitUntilAsync(() => v.PromptText == "calm sea", "the Viewer sees the Facilitator's edit");
        await a.Connection.InvokeAsync("Generate", room.Id);
        await RoomHubClient.WaitUntilAsync(() => v.Events<GenerationChanged>(room.Id).Any(), "the Viewer sees the Facilitator's job");
        Assert.DoesNotContain("hijack", v.PromptText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_member_cannot_join_and_receives_nothing_from_the_room()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var outsider = await HubPeople.RegisterAsync(app, "Otto");
        var room = await People.CreateRoomAsync(app, ada.Person);
        await using var a = await RoomHubClient.ConnectAsync(app, ada);
        await using var o = await RoomHubClient.ConnectAsync(app, outsider);
        await a.JoinAsync(room.Id);

        var refused = await Assert.ThrowsAsync<HubException>(() => o.JoinAsync(room.Id));
        Assert.Contains("not a participant", refused.Message, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<HubException>(() => o.Connection.InvokeAsync<RoomSnapshot>("Snapshot", room.Id));
        await Assert.ThrowsAsync<HubException>(() => o.Connection.InvokeAsync("MovePointer", room.Id, 1f, 1f));

        await a.TypeAsync(0, "private");
        await RoomHubClient.WaitUntilAsync(() => a.Events<PromptEdited>(room.Id).Any(), "Ada's own edit comes back");
        await Task.Delay(300);
        Assert.Equal(0, o.EventCount);
        Assert.Equal(HubConnectionState.Connected, o.Connection.State);
    }

    [Fact]
    public async Task Nobody_signed_in_is_refused_and_a_guest_joins_with_the_guest_cookie()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var room = await People.CreateRoomAsync(app, ada.Person);

        await using var nobody = await RoomHubClient.ConnectAsync(app, HubPeople.Anonymous(app));
        var refused = await Assert.ThrowsAsync<HubException>(() => nobody.JoinAsync(room.Id));
        Assert.Contains("sign in", refused.Message, StringComparison.OrdinalIgnoreCase);

        var gus = await HubPeople.JoinAsGuestAsync(app, room.Code, "Gus");
        await using var g = await RoomHubClient.ConnectAsync(app, gus, messagePack: true);
        var session = await g.JoinAsync(room.Id);
        Assert.True(session.Me.IsGuest);
        Assert.Equal(RoomRole.Editor, session.Me.Role);

        // A Facilitator makes the guest a Viewer: from the next call on, the hub refuses what a Viewer may not do.
        var demoted = await app.Services.GetRequiredService<RoomService>().ChangeRoleAsync(ada.Actor, room.Id, session.Me.MemberId, RoomRole.Viewer);
        Assert.True(demoted.Succeeded, demoted.Error?.Message);
        var generate = await Assert.ThrowsAsync<HubException>(() => g.Connection.InvokeAsync("Generate", room.Id));
        Assert.Contains("Viewer", generate.Message, StringComparison.Ordinal);
    }
}
