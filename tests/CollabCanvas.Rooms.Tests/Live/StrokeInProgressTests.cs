using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>Strokes relayed while they are drawn: who may, what is refused, and how a preview ends.</summary>
[Collection(RoomClusterCollection.Name)]
public sealed class StrokeInProgressTests(RoomClusterFixture fixture)
{
    private static RoomCaller Person(string name, RoomRole role) => new(Guid.NewGuid(), name, role, false);

    private static StrokeProgress Batch(Guid strokeId, int startIndex, params (float X, float Y)[] points) =>
        new(strokeId, MaskTool.Brush, 8, startIndex, points.Select(p => new StrokePoint(p.X, p.Y)).ToArray());

    [Fact]
    public async Task Appended_points_are_relayed_to_everyone_without_a_revision_and_the_commit_replaces_them()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(bo);
        var before = (await room.GetSnapshot()).Revision;
        var strokeId = Guid.NewGuid();

        Assert.True((await room.ExtendStroke(bo, Batch(strokeId, 0, (10, 10), (12, 14)))).Succeeded);
        Assert.True((await room.ExtendStroke(bo, Batch(strokeId, 2, (16, 20)))).Succeeded);

        var second = await observer.WaitForAsync<StrokeInProgress>(e => e.Progress.StartIndex == 2);
        Assert.Equal(bo.MemberId, second.Author);
        Assert.Equal(strokeId, second.Progress.StrokeId);
        Assert.Equal([new StrokePoint(16, 20)], second.Progress.Points); // only the new point, not the whole stroke
        var snapshot = await room.GetSnapshot();
        Assert.Equal(before, snapshot.Revision); // transient: no revision, nothing on the mask
        Assert.Empty(snapshot.Strokes);
        Assert.All(observer.Events.OfType<StrokeInProgress>(), e => Assert.Equal(before, e.Revision));

        var committed = await room.AddStroke(bo, new MaskStroke(strokeId, bo.MemberId, MaskTool.Brush, 8, [new(10, 10), new(12, 14), new(16, 20)]));
        Assert.True(committed.Succeeded);
        await observer.WaitForAsync<StrokeAdded>(e => e.Stroke.Id == strokeId);

        // A batch that arrives after its commit shows nothing, and a committed stroke is never "abandoned".
        Assert.True((await room.ExtendStroke(bo, Batch(strokeId, 3, (18, 22)))).Succeeded);
        await room.Disconnect(bo.MemberId);
        await observer.WaitForAsync<PresenceChanged>(e => e.Notice == "Bo left");
        Assert.DoesNotContain(observer.Events.OfType<StrokeInProgress>(), e => e.Progress.StartIndex == 3);
        Assert.DoesNotContain(observer.Events.OfType<StrokeAbandoned>(), e => e.StrokeId == strokeId);
    }

    public static TheoryData<StrokeProgress?, string> Malformed => new()
    {
        { null, "no points" },
        { Batch(Guid.NewGuid(), 0), "no points" },
        { Batch(Guid.NewGuid(), 0, (float.NaN, 3)), "not a number" },
        { Batch(Guid.NewGuid(), 0, (10, float.PositiveInfinity)), "not a number" },
        { Batch(Guid.NewGuid(), 0, (600, 10)), "outside" },
        { Batch(Guid.NewGuid(), 0, (-1, 10)), "outside" },
        { Batch(Guid.NewGuid(), -1, (1, 1)), "index 0 or later" },
        { Batch(Guid.NewGuid(), StrokeCheck.MaxPoints, (1, 1)), "at most 10,000 points" },
        { new StrokeProgress(Guid.NewGuid(), MaskTool.Brush, 0.5f, 0, [new(1, 1)]), "brush size" },
        { new StrokeProgress(Guid.NewGuid(), MaskTool.Brush, float.NaN, 0, [new(1, 1)]), "brush size" },
        { new StrokeProgress(Guid.NewGuid(), (MaskTool)7, 8, 0, [new(1, 1)]), "brush or eraser" },
        { new StrokeProgress(Guid.Empty, MaskTool.Brush, 8, 0, [new(1, 1)]), "no id" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_batches_are_refused_with_a_reason_and_nobody_sees_them(StrokeProgress? progress, string reason)
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(bo);

        var result = await room.ExtendStroke(bo, progress!);

        Assert.False(result.Succeeded);
        Assert.Equal(RefusalKind.Invalid, result.Refusal);
        Assert.Contains(reason, result.Error);
        await room.SetTyping(bo.MemberId, true); // a later event, so anything relayed before it has arrived too
        await observer.WaitForAsync<PresenceChanged>(e => e.Present.Any(p => p.IsTyping));
        Assert.Empty(observer.Events.OfType<StrokeInProgress>());
    }

    [Fact]
    public async Task Viewers_people_not_in_the_room_and_someone_elses_stroke_id_are_refused()
    {
        var room = fixture.NewRoom();
        var viewer = Person("Vic", RoomRole.Viewer);
        var absent = Person("Ann", RoomRole.Editor);
        var bo = Person("Bo", RoomRole.Editor);
        var cy = Person("Cy", RoomRole.Editor);
        await room.Connect(viewer);
        await room.Connect(bo);
        await room.Connect(cy);
        var strokeId = Guid.NewGuid();
        Assert.True((await room.ExtendStroke(bo, Batch(strokeId, 0, (1, 1)))).Succeeded);

        var byViewer = await room.ExtendStroke(viewer, Batch(Guid.NewGuid(), 0, (1, 1)));
        var byAbsent = await room.ExtendStroke(absent, Batch(Guid.NewGuid(), 0, (1, 1)));
        var hijack = await room.ExtendStroke(cy, Batch(strokeId, 1, (2, 2)));

        Assert.Equal(RefusalKind.Forbidden, byViewer.Refusal);
        Assert.Contains("you are a Viewer", byViewer.Error);
        Assert.Equal(RefusalKind.Conflict, byAbsent.Refusal);
        Assert.Equal(RefusalKind.Invalid, hijack.Refusal);
    }

    [Fact]
    public async Task A_person_demoted_to_viewer_can_no_longer_draw_and_their_stroke_in_progress_goes()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(bo);
        var strokeId = Guid.NewGuid();
        await room.ExtendStroke(bo, Batch(strokeId, 0, (1, 1)));

        await room.MemberChanged(bo.MemberId, RoomRole.Viewer);

        await observer.WaitForAsync<StrokeAbandoned>(e => e.StrokeId == strokeId && e.Author == bo.MemberId);
        var stale = await room.ExtendStroke(bo, Batch(Guid.NewGuid(), 0, (1, 1))); // still holding the Editor caller it connected as
        Assert.Equal(RefusalKind.Forbidden, stale.Refusal);
    }

    [Fact]
    public async Task A_stroke_in_progress_is_abandoned_when_its_painter_leaves()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(bo);
        await room.Connect(bo); // a second tab: closing one is not leaving
        var strokeId = Guid.NewGuid();
        await room.ExtendStroke(bo, Batch(strokeId, 0, (1, 1), (5, 5)));

        await room.Disconnect(bo.MemberId);
        await room.Disconnect(bo.MemberId);

        var abandoned = await observer.WaitForAsync<StrokeAbandoned>(e => e.StrokeId == strokeId);
        Assert.Equal(bo.MemberId, abandoned.Author);
        Assert.Single(observer.Events.OfType<StrokeAbandoned>());
    }

    [Fact]
    public async Task A_stroke_in_progress_that_stops_receiving_points_is_abandoned_after_the_timeout()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(bo);
        var strokeId = Guid.NewGuid();
        await room.ExtendStroke(bo, Batch(strokeId, 0, (1, 1)));

        var deadline = DateTime.UtcNow + RoomGrain.StrokeInProgressTimeout + TimeSpan.FromSeconds(20);
        while (!observer.Events.OfType<StrokeAbandoned>().Any(e => e.StrokeId == strokeId))
        {
            Assert.True(DateTime.UtcNow < deadline, "The silent stroke was never abandoned.");
            await Task.Delay(50);
        }

        Assert.Contains(bo.MemberId, (await room.GetSnapshot()).Present.Select(p => p.MemberId)); // the painter is still here
    }

    [Fact]
    public async Task A_refused_commit_abandons_its_preview()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(bo);
        var strokeId = Guid.NewGuid();
        await room.ExtendStroke(bo, Batch(strokeId, 0, (1, 1)));

        var refused = await room.AddStroke(bo, new MaskStroke(strokeId, bo.MemberId, MaskTool.Brush, 8, [new(1, float.NaN)]));

        Assert.False(refused.Succeeded);
        await observer.WaitForAsync<StrokeAbandoned>(e => e.StrokeId == strokeId);
    }
}
