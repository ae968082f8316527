using CollabCanvas.Rooms.Mask;
using static CollabCanvas.Rooms.Tests.Mask.StrokeBuilder;

namespace CollabCanvas.Rooms.Tests.Mask;

public sealed class StrokeCheckTests
{
    private static readonly Guid Ann = Guid.NewGuid();

    [Fact]
    public void A_stroke_inside_the_image_passes()
    {
        Assert.Null(StrokeCheck.Check(Stroke(Ann, points: [(0, 0), (64, 64)]), 64, 64));
    }

    public static TheoryData<string, MaskStroke?> BadStrokes => new()
    {
        { "The stroke is empty.", null },
        { "The stroke has no points.", Stroke(Ann) },
        { "The stroke has no id or no author.", Stroke(Guid.Empty, points: [(1, 1)]) },
        { "The stroke has a point that is not a number.", Stroke(Ann, points: [(1, 1), (float.NaN, 2)]) },
        { "The stroke has a point that is not a number.", Stroke(Ann, points: [(float.PositiveInfinity, 2)]) },
        { "The stroke has a point outside the 64×64 image.", Stroke(Ann, points: [(1, 1), (65, 2)]) },
        { "The stroke has a point outside the 64×64 image.", Stroke(Ann, points: [(-0.5f, 2)]) },
        { "The brush size must be between 1 and 256 pixels.", Stroke(Ann, size: 0, points: [(1, 1)]) },
        { "The brush size must be between 1 and 256 pixels.", Stroke(Ann, size: 300, points: [(1, 1)]) },
        { "The brush size must be between 1 and 256 pixels.", Stroke(Ann, size: float.NaN, points: [(1, 1)]) },
        { "The stroke's tool must be brush or eraser.", Stroke(Ann, tool: (MaskTool)7, points: [(1, 1)]) },
    };

    [Theory]
    [MemberData(nameof(BadStrokes))]
    public void Malformed_strokes_are_refused_with_a_message(string expected, MaskStroke? stroke)
    {
        Assert.Equal(expected, StrokeCheck.Check(stroke, 64, 64));
    }

    [Fact]
    public void More_than_ten_thousand_points_are_refused()
    {
        var points = Enumerable.Range(0, StrokeCheck.MaxPoints + 1).Select(i => ((float)(i % 64), 1f)).ToArray();

        Assert.Null(StrokeCheck.Check(Stroke(Ann, points: points[..StrokeCheck.MaxPoints]), 64, 64));
        Assert.Equal("A stroke can have at most 10,000 points; this one has 10,001.", StrokeCheck.Check(Stroke(Ann, points: points), 64, 64));
    }

    [Fact]
    public void An_impossible_image_size_is_refused()
    {
        Assert.NotNull(StrokeCheck.Check(Stroke(Ann, points: [(0, 0)]), 0, 64));
        Assert.NotNull(StrokeCheck.Check(Stroke(Ann, points: [(0, 0)]), 64, StrokeCheck.MaxImageSide + 1));
    }
}
