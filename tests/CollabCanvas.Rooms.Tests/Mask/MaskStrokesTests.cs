using CollabCanvas.Rooms.Mask;
using static CollabCanvas.Rooms.Tests.Mask.StrokeBuilder;

namespace CollabCanvas.Rooms.Tests.Mask;

public sealed class MaskStrokesTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Ben = Guid.NewGuid();

    [Fact]
    public void Undo_removes_only_your_own_last_stroke()
    {
        var mask = new MaskStrokes(64, 64);
        var annFirst = mask.Add(Stroke(Ann, points: [(1, 1)])).Stroke!;
        var annSecond = mask.Add(Stroke(Ann, points: [(2, 2)])).Stroke!;
        var benLater = mask.Add(Stroke(Ben, points: [(3, 3)])).Stroke!;

        var undone = mask.UndoLast(Ann);

        Assert.Equal(annSecond.Id, undone.Stroke!.Id);
        Assert.Equal([annFirst.Id, benLater.Id], mask.All.Select(s => s.Id));
        Assert.Equal([annFirst.Id], mask.LayerOf(Ann).Select(s => s.Id));
        Assert.Equal([benLater.Id], mask.LayerOf(Ben).Select(s => s.Id));
    }

    [Fact]
    public void Undo_with_no_strokes_of_your_own_is_refused_and_leaves_others_alone()
    {
        var mask = new MaskStrokes(64, 64);
        mask.Add(Stroke(Ben, points: [(3, 3)]));

        var result = mask.UndoLast(Ann);

        Assert.False(result.Succeeded);
        Assert.Equal("You have no strokes to undo.", result.Error);
        Assert.Single(mask.All);
    }

    [Fact]
    public void A_refused_stroke_is_not_added()
    {
        var mask = new MaskStrokes(64, 64);

        var result = mask.Add(Stroke(Ann, points: [(100, 1)]));

        Assert.False(result.Succeeded);
        Assert.Contains("outside", result.Error);
        Assert.True(mask.IsEmpty);
    }

    [Fact]
    public void A_stroke_id_is_accepted_once()
    {
        var mask = new MaskStrokes(64, 64);
        var stroke = Stroke(Ann, points: [(1, 1)]);

        mask.Add(stroke);
        var again = mask.Add(stroke);

        Assert.Equal("A stroke with this id is already on the mask.", again.Error);
        Assert.Single(mask.All);
    }

    [Fact]
    public void The_stored_stroke_does_not_change_when_the_caller_reuses_its_list()
    {
        var mask = new MaskStrokes(64, 64);
        var points = new List<StrokePoint> { new(1, 1) };
        mask.Add(new MaskStroke(Guid.NewGuid(), Ann, MaskTool.Brush, 4, points));

        points.Add(new StrokePoint(9, 9));

        Assert.Single(mask.All[0].Points);
    }

    [Fact]
    public void A_list_of_strokes_handed_out_earlier_does_not_change_with_later_strokes()
    {
        var mask = new MaskStrokes(64, 64);
        mask.Add(Stroke(Ann, points: [(1, 1)]));
        var before = mask.All;

        mask.Add(Stroke(Ben, points: [(2, 2)]));
        mask.UndoLast(Ann);

        Assert.Equal(Ann, Assert.Single(before).Author);
    }

    [Fact]
    public void Clear_removes_everyones_strokes()
    {
        var mask = new MaskStrokes(64, 64);
        mask.Add(Stroke(Ann, points: [(1, 1)]));
        mask.Add(Stroke(Ben, points: [(2, 2)]));

        Assert.Equal(2, mask.Clear());
        Assert.True(mask.IsEmpty);
        Assert.Empty(mask.Authors);
    }
}
