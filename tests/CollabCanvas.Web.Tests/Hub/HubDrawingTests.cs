using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>A plugin drawing over the hub: others see its stroke form before it is committed, and its caret in the prompt.</summary>
[Collection(HubCollection.Name)]
public sealed class HubDrawingTests(BrowserAppFactory app)
{
    private static StrokeProgress Batch(Guid strokeId, int startIndex, params (float X, float Y)[] points) =>
        new(strokeId, MaskTool.Brush, 6, startIndex, points.Select(p => new StrokePoint(p.X, p.Y)).ToArray());

    [Fact]
    public async Task A_stroke_in_progress_reaches_the_others_point_batch_by_batch_then_its_commit_and_viewers_are_refused()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var bo = await HubPeople.RegisterAsync(app, "Bo");
        var vic = await HubPeople.RegisterAsync(app, "Vic");
        var room = await People.CreateRoomAsync(app, ada.Person);
        await People.AddMemberAsync(app, ada.Person, room, bo.Person, RoomRole.Editor);
        await People.AddMemberAsync(app, ada.Person, room, vic.Person, RoomRole.Viewer);
        await using var a = await RoomHubClient.ConnectAsync(app, ada);
        await using var b = await RoomHubClient.ConnectAsync(app, bo, messagePack: true);
        await using var v = await RoomHubClient.ConnectAsync(app, vic);
        await a.JoinAsync(room.Id);
        var notJoined = await Assert.ThrowsAsync<HubException>(() => b.Connection.InvokeAsync("ExtendStroke", room.Id, Batch(Guid.NewGuid(), 0, (1, 1))));
        Assert.Contains("Join the room", notJoined.Message, StringComparison.Ordinal);
        var sessionB = await b.JoinAsync(room.Id);
        await v.JoinAsync(room.Id);
        var strokeId = Guid.NewGuid();

        await b.Connection.InvokeAsync("ExtendStroke", room.Id, Batch(strokeId, 0, (10, 10), (14, 12)));
        await b.Connection.InvokeAsync("ExtendStroke", room.Id, Batch(strokeId, 2, (20, 18)));
        await RoomHubClient.WaitUntilAsync(() => a.Events<StrokeInProgress>(room.Id).Count == 2, "Ada sees both batches of Bo's stroke");
        var batches = a.Events<StrokeInProgress>(room.Id);
        Assert.All(batches, e => Assert.Equal(sessionB.Me.MemberId, e.Author));
        Assert.Equal([0, 2], batches.Select(e => e.Progress.StartIndex));
        Assert.Equal([new StrokePoint(20, 18)], batches[1].Progress.Points);
        Assert.Empty(a.Events<StrokeAdded>(room.Id)); // not on the mask yet

        var committed = await b.Connection.InvokeAsync<MaskStroke>("AddStroke", room.Id,
            new MaskStroke(strokeId, Guid.Empty, MaskTool.Brush, 6, [new(10, 10), new(14, 12), new(20, 18)]));
        Assert.Equal(sessionB.Me.MemberId, committed.Author);
        await RoomHubClient.WaitUntilAsync(() => a.Events<StrokeAdded>(room.Id).Any(e => e.Stroke.Id == strokeId), "Ada sees the committed stroke");

        var byViewer = await Assert.ThrowsAsync<HubException>(() => v.Connection.InvokeAsync("ExtendStroke", room.Id, Batch(Guid.NewGuid(), 0, (1, 1))));
        Assert.Contains("you are a Viewer", byViewer.Message, StringComparison.Ordinal);
        var malformed = await Assert.ThrowsAsync<HubException>(() => b.Connection.InvokeAsync("ExtendStroke", room.Id, Batch(Guid.NewGuid(), 0, (float.NaN, 1))));
        Assert.Contains("not a number", malformed.Message, StringComparison.Ordinal);

        // Bo starts another stroke and drops his connection: it disappears for Ada.
        var unfinished = Guid.NewGuid();
        await b.Connection.InvokeAsync("ExtendStroke", room.Id, Batch(unfinished, 0, (30, 30)));
        await b.Connection.StopAsync();
        await RoomHubClient.WaitUntilAsync(() => a.Events<StrokeAbandoned>(room.Id).Any(e => e.StrokeId == unfinished), "Ada sees Bo's unfinished stroke go");
    }

    [Fact]
    public async Task A_caret_shared_in_an_older_revision_reaches_the_others_moved_through_the_edits_since()
    {
        await using var two = await TwoPeopleInARoom.JoinAsync(app, "Bo", RoomRole.Editor, secondOnMessagePack: true);
        var (ada, room, a, b) = (two.Ada, two.Room, two.AdaClient, two.SecondClient);
        var sessionB = b.Session!;

        await a.TypeAsync(0, "a red fox");
        await RoomHubClient.WaitUntilAsync(() => b.PromptText == "a red fox" && !a.HasPendingEdits, "Bo has Ada's text");
        var seenByBo = b.Events<PromptEdited>(room.Id).Max(e => e.Applied.Revision);
        await a.TypeAsync(2, "big ");
        await RoomHubClient.WaitUntilAsync(() => !a.HasPendingEdits, "Ada's second edit is applied");

        // Bo put his caret after "red" in the text he had seen; the room moves it past Ada's "big ".
        await b.Connection.InvokeAsync("MoveCaret", room.Id, PromptField.Prompt, seenByBo, TextSelection.Caret(5));
        await RoomHubClient.WaitUntilAsync(() => a.Events<CaretMoved>(room.Id).Any(e => e.MemberId == sessionB.Me.MemberId), "Ada sees Bo's caret");
        Assert.Equal(TextSelection.Caret(9), a.Events<CaretMoved>(room.Id).Single().Selection);

        // Someone joining now sees Bo's caret in the snapshot, before he moves it again (here Ada's second tab, on JSON).
        await using var another = await RoomHubClient.ConnectAsync(app, ada);
        var joined = await another.JoinAsync(room.Id);
        Assert.Equal([new RoomCaret(sessionB.Me.MemberId, PromptField.Prompt, TextSelection.Caret(9))], joined.Snapshot.Carets!);

        var outside = await Assert.ThrowsAsync<HubException>(() => b.Connection.InvokeAsync("MoveCaret", room.Id, PromptField.Prompt, seenByBo, TextSelection.Caret(99)));
        Assert.Contains("within the prompt", outside.Message, StringComparison.Ordinal);
        await b.Connection.InvokeAsync("MoveCaret", room.Id, PromptField.Prompt, seenByBo, null);
        await RoomHubClient.WaitUntilAsync(() => a.Events<CaretMoved>(room.Id).Any(e => e.Selection is null), "Ada sees Bo leave the prompt");
    }
}
