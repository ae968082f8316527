using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Live;

namespace CollabCanvas.Web.Tests.Components.Live;

public sealed class LiveRoomStateTests
{
    private static readonly RoomSnapshot Empty = new(10, [], RoomParameters.Default, new Dictionary<string, string>(), null, null, false,
        PromptSnapshot.Empty, PromptSnapshot.Empty, [], 64, 64);

    [Fact]
    public void Events_that_overtake_each_other_are_applied_in_revision_order()
    {
        var state = new LiveRoomState(Empty);
        var author = Guid.NewGuid();
        var first = Edit(11, 1, TextOperation.Insert(0, 0, "a"), author);
        var second = Edit(12, 2, TextOperation.Insert(1, 1, "b"), author);

        Assert.Empty(state.Accept(second));
        Assert.NotNull(state.WaitingSince);
        var applied = state.Accept(first);

        Assert.Equal([11L, 12L], applied.Select(e => e.Event.Revision));
        Assert.Equal("ab", state.Prompt.Text);
        Assert.Null(state.WaitingSince);
        Assert.Empty(state.Accept(first)); // a duplicate changes nothing
    }

    [Fact]
    public void A_view_that_falls_behind_keeps_only_the_newest_preview_frame()
    {
        var state = new LiveRoomState(Empty);
        var job = new GenerationStatus(Guid.NewGuid(), Guid.NewGuid(), "Bo", GenerationState.Running, 0, 3, TimeSpan.Zero, 0, null, null);

        for (var step = 1; step <= 3; step++)
        {
            var preview = new RoomImage([(byte)step], "image/png", 1, 1);
            state.Accept(LocalRoomEvent.From(new GenerationProgress(10 + step, job with { Step = step }, preview)));
        }

        Assert.Equal(3, state.PreviewFrames);
        Assert.Equal(LocalRoomEvent.ToDataUrl(new RoomImage([3], "image/png", 1, 1)), state.PreviewUrl);
        Assert.True(state.ShowingPreview);
    }

    private static LocalRoomEvent Edit(long revision, long promptRevision, TextOperation operation, Guid author) =>
        LocalRoomEvent.From(new PromptEdited(revision, PromptField.Prompt, new PromptApplied(promptRevision, Guid.NewGuid(), author, operation)));
}
