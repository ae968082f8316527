using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Rooms.Timeline;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>The room grain writes its history: what is recorded, how it is summarised, and that a failing store costs the room nothing.</summary>
[Collection(RoomClusterCollection.Name)]
public sealed class RoomTimelineGrainTests(RoomClusterFixture fixture)
{
    private static RoomCaller Person(string name, RoomRole role) => new(Guid.NewGuid(), name, role, false);

    private static MaskStroke Stroke(MaskTool tool = MaskTool.Brush) => new(Guid.NewGuid(), Guid.Empty, tool, 8, [new(10, 10), new(40, 30)]);

    private static PromptEdit Insert(long baseRevision, int length, int position, string text) =>
        new(Guid.NewGuid(), baseRevision, TextOperation.Insert(length, position, text));

    [Fact]
    public async Task A_session_is_recorded_in_order_with_typing_and_painting_summarised()
    {
        var room = fixture.NewRoom();
        var roomId = room.GetPrimaryKey();
        var fay = Person("Fay", RoomRole.Facilitator);
        var ana = Person("Ana", RoomRole.Editor);

        await room.Connect(fay);
        await room.Connect(ana);
        await room.Connect(ana); // a second tab is not a second join
        await room.EditPrompt(ana, PromptField.Prompt, Insert(0, 0, 0, "a red"));
        await room.EditPrompt(ana, PromptField.Prompt, Insert(1, 5, 5, " fox"));
        await room.EditPrompt(ana, PromptField.Prompt, new PromptEdit(Guid.NewGuid(), 2, TextOperation.Delete(9, 0, 2)));
        await room.ChangeParameters(fay, new ParameterChange(Steps: 12, Seed: 7));
        await room.AddStroke(ana, Stroke());
        await room.AddStroke(ana, Stroke(MaskTool.Eraser));
        await room.UndoStroke(ana);
        await room.ClearMask(fay);
        await room.SetLiveMode(fay, true);
        await room.SetLiveMode(fay, false);
        await room.Generate(ana);
        var job = fixture.Renderer.JobsFor(roomId).Last();
        await room.ReportRender(job.JobId, new RenderStarted(12, 7, []));
        await room.ReportRender(job.JobId, new RenderCompleted(new RoomImage([1], "image/png", 8, 8), 7, TimeSpan.FromMilliseconds(1500)));
        await room.Generate(ana);
        var cancelled = fixture.Renderer.JobsFor(roomId).Last();
        await room.Cancel(fay);
        await room.ReportRender(cancelled.JobId, new RenderCancelled());
        await room.Generate(ana);
        await room.ReportRender(fixture.Renderer.JobsFor(roomId).Last().JobId, new RenderFailed("The model is not installed."));
        await room.MemberChanged(ana.MemberId, RoomRole.Viewer, new MemberChange("Ana", fay.MemberId, "Fay"));
        await room.Disconnect(ana.MemberId);
        await room.Disconnect(ana.MemberId);
        await room.FlushTimeline();

        var timeline = fixture.Timeline.Of(roomId);
        Assert.Equal(
            [
                "Fay joined",
                "Ana joined",
                "Ana edited the prompt: +9 / −2 characters",
                "Fay changed steps: 20 → 12",
                "Fay changed seed: random → 7",
                "Ana painted the mask: 1 brush stroke, 1 eraser stroke, 1 undone",
                "Fay cleared the mask (1 stroke)",
                "Fay turned live mode on",
                "Fay turned live mode off",
                "Ana queued a generation (12 steps)",
                "Ana's generation completed: seed 7, 1.5 s",
                "Ana queued a generation (12 steps)",
                "Fay cancelled Ana's generation",
                "Ana queued a generation (12 steps)",
                "Ana's generation failed: The model is not installed.",
                "Fay made Ana a Viewer",
                "Ana left",
            ],
            timeline.Select(e => e.Text));
        Assert.All(timeline, e => Assert.NotNull(e.ActorId));
        var completed = timeline.Single(e => e.Kind == TimelineKind.GenerationCompleted);
        Assert.Equal(("7", "1500", ana.MemberId), (completed.Details["seed"], completed.Details["milliseconds"], completed.ActorId!.Value));
        Assert.Empty(fixture.Timeline.Of(Guid.NewGuid()));
    }

    [Fact]
    public async Task Entries_are_written_by_the_debounced_save_without_being_asked()
    {
        var room = fixture.NewRoom();
        await room.Connect(Person("Ana", RoomRole.Editor));

        await WaitUntilAsync(() => fixture.Timeline.Of(room.GetPrimaryKey()).Count == 1, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_failing_store_leaves_the_room_working_and_the_entries_arrive_once_it_recovers()
    {
        var room = fixture.NewRoom();
        var roomId = room.GetPrimaryKey();
        var ana = Person("Ana", RoomRole.Editor);
        fixture.Timeline.Failing = true;
        try
        {
            var failedBefore = fixture.Timeline.FailedWrites;
            await room.Connect(ana);
            var edit = await room.EditPrompt(ana, PromptField.Prompt, Insert(0, 0, 0, "fox"));
            var parameters = await room.ChangeParameters(ana, new ParameterChange(Steps: 5));
            await room.FlushTimeline(); // fails inside, never to the caller

            Assert.True(edit.Succeeded);
            Assert.True(parameters.Succeeded);
            Assert.True(fixture.Timeline.FailedWrites > failedBefore);
            Assert.Equal("fox", (await room.GetSnapshot()).Prompt.Text);
            Assert.Empty(fixture.Timeline.Of(roomId));
        }
        finally
        {
            fixture.Timeline.Failing = false;
        }

        // Nothing else happens in the room: the retry alone writes what waited.
        await WaitUntilAsync(() => fixture.Timeline.Of(roomId).Count == 3, RoomGrain.TimelineRetryDelay * 3);
        Assert.Equal(["Ana joined", "Ana edited the prompt: +3 / −0 characters", "Ana changed steps: 20 → 5"], fixture.Timeline.Of(roomId).Select(e => e.Text));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the timeline was not written in time");
            await Task.Delay(50);
        }
    }
}
