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

    [Fact]
    public void A_restored_recipe_replaces_prompts_parameters_and_mask_and_says_who_restored_it()
    {
        var state = new LiveRoomState(Empty);
        var ada = Guid.NewGuid();
        state.Accept(Edit(11, 1, TextOperation.Insert(0, 0, "old"), ada));
        var bo = Guid.NewGuid();
        var stroke = new CollabCanvas.Rooms.Mask.MaskStroke(Guid.NewGuid(), bo, CollabCanvas.Rooms.Mask.MaskTool.Brush, 4, [new(1, 1)]);

        state.Accept(LocalRoomEvent.From(new RecipeRestored(
            12, Guid.NewGuid(), "Fox", "Fay", new PromptSnapshot(2, "a fox", [new(bo, 0, 5)]), new PromptSnapshot(1, "blur", [new(ada, 0, 4)]),
            RoomParameters.Default with { Steps = 9 }, new Dictionary<string, string> { ["Steps"] = "Fay" }, [stroke], 32, 32)));

        Assert.Equal(("a fox", 2L), (state.Prompt.Text, state.PromptRevision));
        Assert.Equal(bo, state.Prompt.AuthorAt(0));
        Assert.Equal(("blur", 1L), (state.NegativePrompt.Text, state.NegativePromptRevision));
        Assert.Equal(9, state.Parameters.Steps);
        Assert.Equal("Fay", state.ParametersChangedBy["Steps"]);
        Assert.Equal(stroke, Assert.Single(state.Strokes));
        Assert.Equal((32, 32), (state.MaskWidth, state.MaskHeight));
        Assert.Equal("Fay restored the recipe of \"Fox\"", state.Notice);
    }

    [Fact]
    public void Others_carets_follow_later_edits_and_go_when_their_owner_leaves_the_editor_or_the_room()
    {
        var ada = Guid.NewGuid();
        var bo = Guid.NewGuid();
        var present = new PresentMember(bo, "Bo", RoomRole.Editor, false, 1, 1, false);
        var state = new LiveRoomState(Empty with { Present = [present] });
        state.Accept(Edit(11, 1, TextOperation.Insert(0, 0, "a red fox"), ada));

        state.Accept(LocalRoomEvent.From(new CaretMoved(12, bo, PromptField.Prompt, TextSelection.Caret(5))));
        state.Accept(Edit(13, 2, TextOperation.Insert(9, 2, "big "), ada));   // before Bo's caret: it moves along
        state.Accept(Edit(14, 3, TextOperation.Insert(13, 9, "dish"), ada));  // right at it, by someone else: it stays before

        Assert.Equal(TextSelection.Caret(9), state.CaretsIn(PromptField.Prompt)[bo]);
        Assert.Empty(state.CaretsIn(PromptField.NegativePrompt));

        state.Accept(LocalRoomEvent.From(new CaretMoved(15, bo, PromptField.Prompt, null)));
        Assert.Empty(state.CaretsIn(PromptField.Prompt));
        state.Accept(LocalRoomEvent.From(new CaretMoved(16, bo, PromptField.NegativePrompt, TextSelection.Caret(0))));
        state.Accept(LocalRoomEvent.From(new PresenceChanged(17, [], "Bo left")));
        Assert.Empty(state.CaretsIn(PromptField.NegativePrompt));
    }

    [Fact]
    public void A_snapshot_shows_everyones_carets_at_once_and_later_edits_move_them()
    {
        var ada = Guid.NewGuid();
        var bo = Guid.NewGuid();
        var present = new PresentMember(bo, "Bo", RoomRole.Editor, false, 1, 1, false);
        var state = new LiveRoomState(Empty with
        {
            Present = [present],
            Prompt = new PromptSnapshot(1, "a red fox", [new AuthorSpan(ada, 0, 9)]),
            Carets = [new RoomCaret(bo, PromptField.Prompt, TextSelection.Caret(5)), new RoomCaret(bo, PromptField.NegativePrompt, new TextSelection(0, 0))],
        });

        Assert.Equal(TextSelection.Caret(5), state.CaretsIn(PromptField.Prompt)[bo]);
        Assert.Equal(TextSelection.Caret(0), state.CaretsIn(PromptField.NegativePrompt)[bo]);
        state.Accept(Edit(11, 2, TextOperation.Insert(9, 2, "big "), ada));
        Assert.Equal(TextSelection.Caret(9), state.CaretsIn(PromptField.Prompt)[bo]);
    }

    [Fact]
    public void Strokes_in_progress_pass_straight_through_without_touching_the_revision_order()
    {
        var state = new LiveRoomState(Empty);
        var author = Guid.NewGuid();
        var progress = LocalRoomEvent.From(new StrokeInProgress(10, author,
            new CollabCanvas.Rooms.Mask.StrokeProgress(Guid.NewGuid(), CollabCanvas.Rooms.Mask.MaskTool.Brush, 4, 0, [new(1, 1)])));

        Assert.Empty(state.Accept(Edit(12, 2, TextOperation.Insert(0, 0, "b"), author))); // held: 11 is missing
        Assert.Equal([progress], state.Accept(progress));                                 // shown at once all the same
        Assert.Equal(10, state.Revision);
        Assert.NotNull(state.WaitingSince);
        Assert.Empty(state.Strokes);
    }

    private static LocalRoomEvent Edit(long revision, long promptRevision, TextOperation operation, Guid author) =>
        LocalRoomEvent.From(new PromptEdited(revision, PromptField.Prompt, new PromptApplied(promptRevision, Guid.NewGuid(), author, operation)));
}
