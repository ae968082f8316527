using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Rooms.Tests.Live;
using CollabCanvas.Rooms.Timeline;

namespace CollabCanvas.Rooms.Tests.Timeline;

public sealed class RoomTimelineRecorderTests
{
    private readonly ManualClock _clock = new();
    private readonly RoomCaller _ana = new(Guid.NewGuid(), "Ana", RoomRole.Editor, false);
    private readonly RoomCaller _bo = new(Guid.NewGuid(), "Bo", RoomRole.Editor, true);

    [Fact]
    public void Typing_folds_into_one_entry_per_person_and_field_until_a_pause()
    {
        var recorder = new RoomTimelineRecorder(_clock);
        recorder.PromptEdited(_ana, PromptField.Prompt, TextOperation.Insert(0, 0, "a red fox"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        recorder.PromptEdited(_ana, PromptField.Prompt, TextOperation.Insert(9, 9, " at dawn"));
        recorder.PromptEdited(_bo, PromptField.Prompt, TextOperation.Insert(17, 0, "!"));
        recorder.PromptEdited(_ana, PromptField.NegativePrompt, TextOperation.Insert(0, 0, "blur"));
        _clock.Advance(TimeSpan.FromSeconds(2));
        recorder.PromptEdited(_ana, PromptField.Prompt, TextOperation.Delete(18, 0, 3));
        recorder.PromptEdited(_ana, PromptField.Prompt, TextOperation.Identity(15)); // moves nothing: not an edit

        _clock.Advance(RoomTimelineRecorder.BurstGap + TimeSpan.FromSeconds(1));
        recorder.PromptEdited(_ana, PromptField.Prompt, TextOperation.Insert(15, 0, "x"));

        Assert.Equal(
            [
                "Ana edited the prompt: +17 / −3 characters",
                "Bo edited the prompt: +1 / −0 characters",
                "Ana edited the negative prompt: +4 / −0 characters",
                "Ana edited the prompt: +1 / −0 characters",
            ],
            recorder.Pending().Select(e => e.Text));
        var first = recorder.Pending()[0];
        Assert.Equal(("17", "3", "Prompt"), (first.Details["inserted"], first.Details["deleted"], first.Details["field"]));
        Assert.Equal(first.At.AddSeconds(3), first.Until);
    }

    [Fact]
    public void A_dragged_parameter_is_one_change_from_where_it_started_and_strokes_are_counted_by_tool()
    {
        var recorder = new RoomTimelineRecorder(_clock);
        recorder.ParameterChanged(_ana, "Steps", "20", "21");
        recorder.ParameterChanged(_ana, "Steps", "21", "25");
        recorder.ParameterChanged(_bo, "Steps", "25", "30");
        recorder.StrokeAdded(_ana, MaskTool.Brush);
        recorder.StrokeAdded(_ana, MaskTool.Brush);
        recorder.StrokeAdded(_ana, MaskTool.Eraser);
        recorder.StrokeUndone(_ana);

        Assert.Equal(
            ["Ana changed steps: 20 → 25", "Bo changed steps: 25 → 30", "Ana painted the mask: 2 brush strokes, 1 eraser stroke, 1 undone"],
            recorder.Pending().Select(e => e.Text));
        Assert.Equal(("Steps", "20", "25"), (recorder.Pending()[0].Details["field"], recorder.Pending()[0].Details["old"], recorder.Pending()[0].Details["new"]));
    }

    [Fact]
    public void Written_entries_are_forgotten_but_a_burst_that_grew_meanwhile_is_written_again()
    {
        var recorder = new RoomTimelineRecorder(_clock);
        recorder.Add(TimelineEntries.Joined(_clock.GetUtcNow(), _ana));
        recorder.PromptEdited(_ana, PromptField.Prompt, TextOperation.Insert(0, 0, "fox"));
        var batch = recorder.Pending();

        recorder.PromptEdited(_ana, PromptField.Prompt, TextOperation.Insert(3, 3, "es"));
        recorder.Written(batch);

        var waiting = Assert.Single(recorder.Pending());
        Assert.Equal(batch[1].Id, waiting.Id);
        Assert.Equal("Ana edited the prompt: +5 / −0 characters", waiting.Text);
        recorder.Written(recorder.Pending());
        Assert.False(recorder.HasPending);
    }

    [Fact]
    public void While_nothing_is_written_the_oldest_entries_are_dropped_beyond_the_capacity_and_counted_once()
    {
        var recorder = new RoomTimelineRecorder(_clock, capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            recorder.Add(TimelineEntries.LiveModeChanged(_clock.GetUtcNow(), _ana, i % 2 == 0));
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(["on", "off", "on"], recorder.Pending().Select(e => e.Text.Split(' ')[^1]));
        Assert.Equal(3, recorder.Pending().Count);
        Assert.Equal(2, recorder.TakeDropped());
        Assert.Equal(0, recorder.TakeDropped());
    }
}
