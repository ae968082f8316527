using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Rooms.Tests.Live;

[Collection(RoomClusterCollection.Name)]
public sealed class RoomGrainTests(RoomClusterFixture fixture)
{
    private static RoomCaller Person(string name, RoomRole role, bool isGuest = false) => new(Guid.NewGuid(), name, role, isGuest);

    [Fact]
    public async Task People_who_connect_are_present_with_distinct_colours_until_their_last_connection_closes()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var ada = Person("Ada", RoomRole.Facilitator);
        var bo = Person("Bo", RoomRole.Editor, isGuest: true);

        await room.Connect(ada);
        await room.Connect(bo);
        await room.Connect(bo); // a second tab
        await room.Disconnect(bo.MemberId);

        var snapshot = await room.GetSnapshot();
        Assert.Equal(["Ada", "Bo"], snapshot.Present.Select(p => p.DisplayName));
        Assert.NotEqual(snapshot.Present[0].ColorIndex, snapshot.Present[1].ColorIndex);

        await room.Disconnect(bo.MemberId);
        var left = await observer.WaitForAsync<PresenceChanged>(e => e.Notice == "Bo left");
        Assert.Equal(["Ada"], left.Present.Select(p => p.DisplayName));
        Assert.Contains(observer.Events.OfType<PresenceChanged>(), e => e.Notice == "Bo joined");
    }

    [Fact]
    public async Task Events_carry_consecutive_revisions()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var ada = Person("Ada", RoomRole.Editor);

        await room.Connect(ada);
        await room.SetTyping(ada.MemberId, true);
        await room.ChangeParameters(ada, new ParameterChange(Steps: 30));
        await observer.WaitForAsync<ParametersChanged>();

        var revisions = observer.Events.Select(e => e.Revision).ToList();
        Assert.Equal(Enumerable.Range(0, revisions.Count).Select(r => revisions[0] + r), revisions);
        Assert.Equal(revisions[^1], (await room.GetSnapshot()).Revision);
    }

    [Fact]
    public async Task Parameters_change_per_field_with_who_changed_them_and_viewers_are_refused()
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);
        var viewer = Person("Vic", RoomRole.Viewer);

        var byEditor = await room.ChangeParameters(editor, new ParameterChange(Steps: 12, Guidance: 3));
        var byViewer = await room.ChangeParameters(viewer, new ParameterChange(Steps: 99));

        Assert.True(byEditor.Succeeded);
        Assert.False(byViewer.Succeeded);
        Assert.Equal(RefusalKind.Forbidden, byViewer.Refusal);
        var snapshot = await room.GetSnapshot();
        Assert.Equal(12, snapshot.Parameters.Steps);
        Assert.Equal(3, snapshot.Parameters.Guidance);
        Assert.Equal("Edda", snapshot.ParametersChangedBy["Steps"]);
    }

    [Theory]
    [InlineData(0, 7.5, 0.5)]
    [InlineData(151, 7.5, 0.5)]
    [InlineData(20, 31, 0.5)]
    [InlineData(20, double.NaN, 0.5)]
    [InlineData(20, 7.5, 1.5)]
    public async Task Out_of_range_parameters_are_refused_and_nothing_changes(int steps, double guidance, double strength)
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);

        var result = await room.ChangeParameters(editor, new ParameterChange(Steps: steps, Guidance: guidance, Strength: strength));

        Assert.Equal(RefusalKind.Invalid, result.Refusal);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Equal(RoomParameters.Default, (await room.GetSnapshot()).Parameters);
    }

    [Fact]
    public async Task A_generation_streams_progress_and_its_result_to_observers()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var editor = Person("Edda", RoomRole.Editor);
        var roomId = (await EnqueueAsync(room, editor)).RoomId;
        var job = fixture.Renderer.JobsFor(roomId).Single();

        await room.ReportRender(job.JobId, new RenderStarted(3, 42, []));
        for (var step = 1; step <= 3; step++)
        {
            await room.ReportRender(job.JobId, new RenderStepped(step, 3, TimeSpan.FromMilliseconds(10 * step), new RoomImage([(byte)step], "image/png", 1, 1)));
        }

        var image = new RoomImage([1, 2, 3], "image/png", 8, 8);
        await room.ReportRender(job.JobId, new RenderCompleted(image, 42, TimeSpan.FromMilliseconds(40)));

        var done = await observer.WaitForAsync<GenerationChanged>(e => e.Status.State == GenerationState.Completed);
        Assert.Equal(3, observer.Events.OfType<GenerationProgress>().Count(e => e.Status.JobId == job.JobId && e.Preview is not null));
        Assert.Equal(42, done.Status.Seed);
        Assert.Equal(image.Bytes, done.Result!.Bytes);
        Assert.Equal(image.Bytes, (await room.GetSnapshot()).LastResult!.Bytes);
    }

    [Fact]
    public async Task One_job_per_room_at_a_time_and_viewers_cannot_generate()
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);
        var viewer = Person("Vic", RoomRole.Viewer);

        var byViewer = await room.Generate(viewer);
        var first = await room.Generate(editor);
        var second = await room.Generate(editor);

        Assert.Equal(RefusalKind.Forbidden, byViewer.Refusal);
        Assert.True(first.Succeeded);
        Assert.Equal(RefusalKind.Conflict, second.Refusal);
    }

    [Fact]
    public async Task Requesters_cancel_their_own_job_others_only_as_facilitator()
    {
        var room = fixture.NewRoom();
        var starter = Person("Edda", RoomRole.Editor);
        var otherEditor = Person("Eli", RoomRole.Editor);
        var facilitator = Person("Fay", RoomRole.Facilitator);
        var job = await EnqueueAsync(room, starter);

        var byOther = await room.Cancel(otherEditor);
        var byFacilitator = await room.Cancel(facilitator);

        Assert.Equal(RefusalKind.Forbidden, byOther.Refusal);
        Assert.True(byFacilitator.Succeeded);
        Assert.Contains(job.JobId, fixture.Renderer.Cancelled);

        await room.ReportRender(job.JobId, new RenderCancelled());
        Assert.Equal(GenerationState.Cancelled, (await room.GetSnapshot()).Generation!.State);
        Assert.True((await room.Generate(starter)).Succeeded, "a new job can start once the old one is cancelled");
    }

    [Fact]
    public async Task Reports_of_a_job_the_room_moved_on_from_are_ignored()
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);
        var job = await EnqueueAsync(room, editor);

        await room.ReportRender(Guid.NewGuid(), new RenderFailed("someone else's job"));

        var status = (await room.GetSnapshot()).Generation!;
        Assert.Equal(job.JobId, status.JobId);
        Assert.Equal(GenerationState.Queued, status.State);
    }

    [Fact]
    public async Task In_live_mode_a_change_restarts_generation_after_the_debounce_cancelling_the_stale_run()
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);
        var roomId = (await EnqueueAsync(room, editor)).RoomId;
        var stale = fixture.Renderer.JobsFor(roomId).Single();
        await room.ReportRender(stale.JobId, new RenderStarted(20, 1, []));

        Assert.True((await room.SetLiveMode(editor, true)).Succeeded);
        await room.ChangeParameters(editor, new ParameterChange(Steps: 8));
        await room.ChangeParameters(editor, new ParameterChange(Steps: 9)); // within the debounce: one restart
        await WaitUntilAsync(() => fixture.Renderer.Cancelled.Contains(stale.JobId));

        await room.ReportRender(stale.JobId, new RenderCancelled());
        await WaitUntilAsync(() => fixture.Renderer.JobsFor(roomId).Count == 2);
        var restarted = fixture.Renderer.JobsFor(roomId)[1];
        Assert.Equal(9, restarted.Parameters.Steps);
        await Task.Delay(RoomGrain.LiveDebounce * 3);
        Assert.Equal(2, fixture.Renderer.JobsFor(roomId).Count);
    }

    [Fact]
    public async Task Removing_a_member_takes_them_out_of_presence()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(bo);

        await room.MemberChanged(bo.MemberId, null);

        var removed = await observer.WaitForAsync<PresenceChanged>(e => e.Notice == "Bo was removed");
        Assert.Empty(removed.Present);
    }

    [Fact]
    public async Task A_removed_member_is_told_first_and_their_stale_commands_are_refused()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(bo);

        await room.MemberChanged(bo.MemberId, null);

        var removed = await observer.WaitForAsync<MemberRemoved>(e => e.MemberId == bo.MemberId);
        var presence = await observer.WaitForAsync<PresenceChanged>(e => e.Notice == "Bo was removed");
        Assert.True(removed.Revision < presence.Revision, "the member's own views must hear of it before presence moves on");

        // A command that passed the host's check just before the removal still carries Bo's old caller.
        var refused = await room.ChangeParameters(bo, new ParameterChange(Steps: 9));
        Assert.Equal(RefusalKind.Forbidden, refused.Refusal);
        Assert.Equal(RoomGrain.RemovedMessage, refused.Error);
        var stroke = await room.AddStroke(bo, new CollabCanvas.Rooms.Mask.MaskStroke(Guid.NewGuid(), Guid.Empty, CollabCanvas.Rooms.Mask.MaskTool.Brush, 8, [new(10, 10), new(20, 20)]));
        Assert.False(stroke.Succeeded);
        await room.Connect(bo);
        Assert.DoesNotContain((await room.GetSnapshot()).Present, p => p.MemberId == bo.MemberId);
    }

    [Fact]
    public async Task A_role_change_is_published_to_the_members_views()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(bo);

        await room.MemberChanged(bo.MemberId, RoomRole.Viewer);

        var changed = await observer.WaitForAsync<MemberRoleChanged>(e => e.MemberId == bo.MemberId);
        Assert.Equal(RoomRole.Viewer, changed.Role);
        Assert.Equal(RoomRole.Viewer, Assert.Single((await room.GetSnapshot()).Present).Role);
    }

    [Fact]
    public async Task Prompt_parameters_and_strokes_are_saved_shortly_after_a_change()
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);

        await room.EditPrompt(editor, PromptField.Prompt, new CollabCanvas.Rooms.Prompt.PromptEdit(Guid.NewGuid(), 0, CollabCanvas.Rooms.Prompt.TextOperation.Insert(0, 0, "a red fox")));
        await room.ChangeParameters(editor, new ParameterChange(Steps: 9));
        await room.AddStroke(editor, new CollabCanvas.Rooms.Mask.MaskStroke(Guid.NewGuid(), Guid.Empty, CollabCanvas.Rooms.Mask.MaskTool.Brush, 8, [new(10, 10), new(20, 20)]));

        await WaitUntilAsync(() => fixture.Store.Saved.TryGetValue(room.GetPrimaryKey(), out var saved) && saved.Strokes.Count == 1);
        var state = fixture.Store.Saved[room.GetPrimaryKey()];
        Assert.Equal("a red fox", state.Prompt.Text);
        Assert.Equal(editor.MemberId, Assert.Single(state.Prompt.Authors).Author);
        Assert.Equal(9, state.Parameters.Steps);
        Assert.Equal(editor.MemberId, state.Strokes[0].Author);
    }

    [Fact]
    public async Task A_room_comes_back_from_its_saved_state()
    {
        var roomId = Guid.NewGuid();
        var author = Guid.NewGuid();
        fixture.Store.Saved[roomId] = new RoomLiveState(
            new CollabCanvas.Rooms.Prompt.PromptSnapshot(7, "saved text", [new(author, 0, 10)]),
            CollabCanvas.Rooms.Prompt.PromptSnapshot.Empty,
            RoomParameters.Default with { Steps = 42 },
            new Dictionary<string, string> { ["Steps"] = "Ada" },
            [new CollabCanvas.Rooms.Mask.MaskStroke(Guid.NewGuid(), author, CollabCanvas.Rooms.Mask.MaskTool.Brush, 4, [new(1, 1)])],
            64, 64, null, false);

        var snapshot = await fixture.Cluster.GrainFactory.GetGrain<IRoomGrain>(roomId).GetSnapshot();

        Assert.Equal("saved text", snapshot.Prompt.Text);
        Assert.Equal(7, snapshot.Prompt.Revision);
        Assert.Equal(42, snapshot.Parameters.Steps);
        Assert.Single(snapshot.Strokes);
        Assert.Equal(64, snapshot.MaskWidth);
    }

    private async Task<RenderJob> EnqueueAsync(IRoomGrain room, RoomCaller requester)
    {
        var roomId = room.GetPrimaryKey();
        Assert.True((await room.Generate(requester)).Succeeded);
        await WaitUntilAsync(() => fixture.Renderer.JobsFor(roomId).Count > 0);
        return fixture.Renderer.JobsFor(roomId)[^1];
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the grain");
            await Task.Delay(20);
        }
    }
}
