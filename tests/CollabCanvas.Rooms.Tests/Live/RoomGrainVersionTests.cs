using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>The room's memory of its last finished run (what a version records) and restoring a version's recipe.</summary>
[Collection(RoomClusterCollection.Name)]
public sealed class RoomGrainVersionTests(RoomClusterFixture fixture)
{
    private static RoomCaller Person(string name, RoomRole role) => new(Guid.NewGuid(), name, role, false);

    [Fact]
    public async Task The_last_run_keeps_the_recipe_it_started_with_not_edits_made_while_it_ran()
    {
        var room = fixture.NewRoom();
        var ada = Person("Ada", RoomRole.Editor);
        var bo = Person("Bo", RoomRole.Editor);
        await TypeAsync(room, ada, 0, "a red fox");
        await room.ChangeParameters(ada, new ParameterChange(Steps: 7));

        var job = await GenerateAsync(room, bo);
        await TypeAsync(room, bo, 1, " at dawn", at: 9);
        await room.ChangeParameters(bo, new ParameterChange(Steps: 30));
        await room.ReportRender(job.JobId, new RenderCompleted(new RoomImage([1, 2, 3], "image/png", 8, 8), 4242, TimeSpan.FromSeconds(2), "tiny-model"));

        var run = (await room.GetFinishedRun())!;
        Assert.Equal("a red fox", run.Recipe.Prompt.Text);
        Assert.Equal([new AuthorSpan(ada.MemberId, 0, 9)], run.Recipe.Prompt.Authors);
        Assert.Equal(7, run.Recipe.Parameters.Steps);
        Assert.Equal(4242, run.Recipe.Seed);
        Assert.Equal("tiny-model", run.Recipe.Model);
        Assert.Equal((bo.MemberId, "Bo"), (run.Recipe.RanBy, run.Recipe.RanByName));
        Assert.Equal(TimeSpan.FromSeconds(2), run.Recipe.Elapsed);
        Assert.Empty(run.Recipe.Strokes);
        Assert.False(run.Recipe.HadInitImage);
        Assert.Equal(new byte[] { 1, 2, 3 }, run.Result.Bytes);
        var snapshot = await room.GetSnapshot();
        Assert.Equal("a red fox at dawn", snapshot.Prompt.Text);
        Assert.Equal(job.JobId, snapshot.LastRun!.JobId);
    }

    [Fact]
    public async Task A_versions_change_reaches_every_observer_without_advancing_the_revision()
    {
        var room = fixture.NewRoom();
        var (first, _) = await fixture.ObserveAsync(room);
        var (second, _) = await fixture.ObserveAsync(room);
        await TypeAsync(room, Person("Ada", RoomRole.Editor), 0, "fox");
        var before = (await room.GetSnapshot()).Revision;
        var versionId = Guid.NewGuid();

        await room.NotifyVersionsChanged(versionId);

        foreach (var observer in new[] { first, second })
        {
            var changed = await observer.WaitForAsync<VersionsChanged>(e => e.VersionId == versionId);
            Assert.Equal(before, changed.Revision); // transient: galleries reload, the room's history is untouched
        }

        Assert.Equal(before, (await room.GetSnapshot()).Revision);
    }

    [Fact]
    public async Task A_new_run_in_flight_leaves_the_finished_one_to_save()
    {
        var room = fixture.NewRoom();
        var ada = Person("Ada", RoomRole.Editor);
        await TypeAsync(room, ada, 0, "fox");
        var first = await GenerateAsync(room, ada);
        await room.ReportRender(first.JobId, new RenderCompleted(new RoomImage([1], "image/png", 8, 8), 1, TimeSpan.FromSeconds(1)));
        await TypeAsync(room, ada, 1, "es", at: 3);

        await GenerateAsync(room, ada);

        var run = (await room.GetFinishedRun())!;
        Assert.Equal(first.JobId, run.Recipe.JobId);
        Assert.Equal("fox", run.Recipe.Prompt.Text);
    }

    [Fact]
    public async Task An_inpainting_run_records_its_strokes_and_the_image_it_started_from()
    {
        var room = fixture.NewRoom();
        var ada = Person("Ada", RoomRole.Editor);
        var first = await GenerateAsync(room, ada);
        await room.ReportRender(first.JobId, new RenderCompleted(new RoomImage([7, 7], "image/png", 64, 64), 1, TimeSpan.FromSeconds(1)));
        await room.AddStroke(ada, Stroke(Guid.Empty));

        var second = await GenerateAsync(room, ada);
        await room.ReportRender(second.JobId, new RenderCompleted(new RoomImage([8, 8], "image/png", 64, 64), 2, TimeSpan.FromSeconds(1)));

        var run = (await room.GetFinishedRun())!;
        Assert.Equal(ada.MemberId, Assert.Single(run.Recipe.Strokes).Author);
        Assert.Equal((64, 64), (run.Recipe.MaskWidth, run.Recipe.MaskHeight));
        Assert.True(run.Recipe.HadInitImage);
        Assert.Equal(new byte[] { 7, 7 }, run.InitImage);
    }

    [Fact]
    public async Task After_a_restart_the_last_run_still_names_its_runner_and_seed()
    {
        var room = fixture.NewRoom();
        var ada = Person("Ada", RoomRole.Editor);
        await TypeAsync(room, ada, 0, "a red fox");
        var job = await GenerateAsync(room, ada);
        await room.ReportRender(job.JobId, new RenderCompleted(new RoomImage([1, 2], "image/png", 8, 8), 99, TimeSpan.FromSeconds(3), "tiny-model"));
        await WaitUntilAsync(() => fixture.Store.Saved.TryGetValue(room.GetPrimaryKey(), out var saved) && saved.LastRun is not null);

        // A fresh activation of the same saved state, as after an app restart.
        var restartedId = Guid.NewGuid();
        fixture.Store.Saved[restartedId] = fixture.Store.Saved[room.GetPrimaryKey()];
        var restarted = fixture.Cluster.GrainFactory.GetGrain<IRoomGrain>(restartedId);

        var run = (await restarted.GetFinishedRun())!;
        Assert.Equal((ada.MemberId, "Ada", 99), (run.Recipe.RanBy, run.Recipe.RanByName, run.Recipe.Seed));
        Assert.Equal("a red fox", run.Recipe.Prompt.Text);
        Assert.Equal(new byte[] { 1, 2 }, run.Result.Bytes);
    }

    [Fact]
    public async Task Restoring_brings_back_prompts_with_their_authors_parameters_and_strokes_as_one_change()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var ada = Person("Ada", RoomRole.Editor);
        var fay = Person("Fay", RoomRole.Facilitator);
        await TypeAsync(room, ada, 0, "something else");
        var before = await room.GetSnapshot();
        var bo = Guid.NewGuid();
        var cy = Guid.NewGuid();
        var recipe = Recipe(
            new PromptSnapshot(3, "a red fox", [new(bo, 0, 6), new(cy, 6, 3)]),
            new PromptSnapshot(1, "blur", [new(cy, 0, 4)]),
            RoomParameters.Default with { Steps = 12, Seed = 77, Model = "tiny-model" },
            [Stroke(bo)]);

        var result = await room.RestoreVersion(fay, recipe);

        Assert.True(result.Succeeded, result.Error);
        var restored = await observer.WaitForAsync<RecipeRestored>();
        Assert.Equal(before.Revision + 1, restored.Revision);
        Assert.Equal((recipe.VersionId, "Fox", "Fay"), (restored.VersionId, restored.Title, restored.By));
        Assert.Equal("a red fox", restored.Prompt.Text);
        Assert.Equal([new AuthorSpan(bo, 0, 6), new AuthorSpan(cy, 6, 3)], restored.Prompt.Authors);
        Assert.Equal(before.Prompt.Revision + 1, restored.Prompt.Revision);
        Assert.Equal([new AuthorSpan(cy, 0, 4)], restored.NegativePrompt.Authors);
        Assert.Equal(bo, Assert.Single(restored.Strokes).Author);
        Assert.Equal((64, 64), (restored.MaskWidth, restored.MaskHeight));
        Assert.Equal("Fay", restored.ParametersChangedBy["Steps"]);
        Assert.Equal("Fay", restored.ParametersChangedBy["Seed"]);
        Assert.False(restored.ParametersChangedBy.ContainsKey("Strength"), "unchanged fields keep who set them");

        var snapshot = await room.GetSnapshot();
        Assert.Equal((restored.Prompt.Revision, restored.Prompt.Text), (snapshot.Prompt.Revision, snapshot.Prompt.Text));
        Assert.Equal(restored.Prompt.Authors, snapshot.Prompt.Authors);
        Assert.Equal(recipe.Parameters, snapshot.Parameters);
        Assert.Equal(recipe.VersionId, snapshot.OriginVersionId);
        Assert.Single(observer.Events.OfType<RecipeRestored>());
        await room.FlushTimeline();
        var noted = Assert.Single(fixture.Timeline.Of(room.GetPrimaryKey()), entry => entry.Kind == CollabCanvas.Rooms.Timeline.TimelineKind.VersionRestored);
        Assert.Equal(("Fay", recipe.VersionId.ToString()), (noted.ActorName, noted.Details["version"]));
    }

    [Fact]
    public async Task An_edit_typed_before_a_restore_is_refused_and_edits_on_the_restored_text_apply()
    {
        var room = fixture.NewRoom();
        var ada = Person("Ada", RoomRole.Editor);
        await TypeAsync(room, ada, 0, "old");
        var bo = Guid.NewGuid();
        await room.RestoreVersion(ada, Recipe(new PromptSnapshot(0, "fox", [new(bo, 0, 3)]), PromptSnapshot.Empty, RoomParameters.Default, []));

        var stale = await room.EditPrompt(ada, PromptField.Prompt, new PromptEdit(Guid.NewGuid(), 1, TextOperation.Insert(3, 3, "!")));
        var fresh = await room.EditPrompt(ada, PromptField.Prompt, new PromptEdit(Guid.NewGuid(), 2, TextOperation.Insert(3, 3, "es")));

        Assert.False(stale.Succeeded);
        Assert.Contains("restored", stale.Error);
        Assert.True(fresh.Succeeded, fresh.Error);
        var snapshot = await room.GetSnapshot();
        Assert.Equal("foxes", snapshot.Prompt.Text);
        Assert.Equal([new AuthorSpan(bo, 0, 3), new AuthorSpan(ada.MemberId, 3, 2)], snapshot.Prompt.Authors);
    }

    [Fact]
    public async Task The_next_run_after_a_restore_records_the_version_as_its_origin()
    {
        var room = fixture.NewRoom();
        var ada = Person("Ada", RoomRole.Editor);
        var recipe = Recipe(new PromptSnapshot(0, "fox", [new(ada.MemberId, 0, 3)]), PromptSnapshot.Empty, RoomParameters.Default, []);
        await room.RestoreVersion(ada, recipe);

        var job = await GenerateAsync(room, ada);
        await room.ReportRender(job.JobId, new RenderCompleted(new RoomImage([1], "image/png", 8, 8), 5, TimeSpan.FromSeconds(1)));

        Assert.Equal(recipe.VersionId, (await room.GetFinishedRun())!.Recipe.OriginVersionId);
    }

    [Fact]
    public async Task Viewers_cannot_restore_and_a_broken_recipe_changes_nothing()
    {
        var room = fixture.NewRoom();
        var ada = Person("Ada", RoomRole.Editor);
        var vic = Person("Vic", RoomRole.Viewer);
        await TypeAsync(room, ada, 0, "keep me");
        var before = await room.GetSnapshot();
        var good = Recipe(new PromptSnapshot(0, "fox", [new(ada.MemberId, 0, 3)]), PromptSnapshot.Empty, RoomParameters.Default, []);

        var byViewer = await room.RestoreVersion(vic, good);
        var badSpans = await room.RestoreVersion(ada, good with { NegativePrompt = new PromptSnapshot(0, "blur", [new(ada.MemberId, 0, 2)]) });
        var badSteps = await room.RestoreVersion(ada, good with { Parameters = RoomParameters.Default with { Steps = 0 } });
        var badStroke = await room.RestoreVersion(ada, good with { Strokes = [Stroke(ada.MemberId) with { Size = -1 }] });

        Assert.Equal(RefusalKind.Forbidden, byViewer.Refusal);
        Assert.Equal(new[] { RefusalKind.Invalid, RefusalKind.Invalid, RefusalKind.Invalid }, new[] { badSpans.Refusal, badSteps.Refusal, badStroke.Refusal });
        Assert.All(new[] { badSpans, badSteps, badStroke }, refused => Assert.StartsWith("This version's recipe cannot be restored", refused.Error));
        var after = await room.GetSnapshot();
        Assert.Equal((before.Revision, before.Prompt.Revision, before.Prompt.Text, before.Parameters), (after.Revision, after.Prompt.Revision, after.Prompt.Text, after.Parameters));
        Assert.Null(after.OriginVersionId);
    }

    private static RestoredRecipe Recipe(PromptSnapshot prompt, PromptSnapshot negative, RoomParameters parameters, IReadOnlyList<MaskStroke> strokes) =>
        new(Guid.NewGuid(), "Fox", prompt, negative, parameters, strokes, 64, 64);

    private static MaskStroke Stroke(Guid author) => new(Guid.NewGuid(), author, MaskTool.Brush, 8, [new(10, 10), new(20, 20)]);

    private static async Task TypeAsync(IRoomGrain room, RoomCaller who, long baseRevision, string text, int at = 0)
    {
        var length = (await room.GetSnapshot()).Prompt.Text.Length;
        var result = await room.EditPrompt(who, PromptField.Prompt, new PromptEdit(Guid.NewGuid(), baseRevision, TextOperation.Insert(length, at, text)));
        Assert.True(result.Succeeded, result.Error);
    }

    private async Task<RenderJob> GenerateAsync(IRoomGrain room, RoomCaller requester)
    {
        var roomId = room.GetPrimaryKey();
        var count = fixture.Renderer.JobsFor(roomId).Count;
        var generated = await room.Generate(requester);
        Assert.True(generated.Succeeded, generated.Error);
        await WaitUntilAsync(() => fixture.Renderer.JobsFor(roomId).Count > count);
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
