using CollabCanvas.Rooms.Mask;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static CollabCanvas.Rooms.Tests.Mask.StrokeBuilder;

namespace CollabCanvas.Rooms.Tests.Mask;

public sealed class MaskRasterizerTests
{
    private const int Width = 64;
    private const int Height = 48;
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Ben = Guid.NewGuid();

    [Fact]
    public void A_brush_stroke_marks_the_pixels_it_crossed_and_nothing_else()
    {
        // A horizontal line at y = 10.5, 6 px wide: rows 8..12 (centres within 3 px), columns 10..50.
        var stroke = Stroke(Ann, size: 6, points: [(10.5f, 10.5f), (50.5f, 10.5f)]);

        var mask = MaskRasterizer.RasterizeBytes([stroke], Width, Height);

        Assert.Equal(255, At(mask, 30, 10));
        Assert.Equal(255, At(mask, 30, 8));
        Assert.Equal(255, At(mask, 30, 13));
        Assert.Equal(0, At(mask, 30, 14));
        Assert.Equal(0, At(mask, 30, 6));
        Assert.Equal(255, At(mask, 52, 10)); // the round cap reaches past the end point
        Assert.Equal(0, At(mask, 55, 10));
        Assert.Equal(0, At(mask, 5, 40));
        Assert.All(mask, value => Assert.True(value is 0 or 255));
    }

    [Fact]
    public void A_single_point_paints_a_round_dot()
    {
        var dot = Stroke(Ann, size: 10, points: [(20, 20)]);

        var mask = MaskRasterizer.RasterizeBytes([dot], Width, Height);

        var painted = mask.Count(v => v == 255);
        Assert.InRange(painted, 70, 90); // π·5² ≈ 78.5
        Assert.Equal(255, At(mask, 19, 19));
        Assert.Equal(0, At(mask, 24, 24)); // a corner of the bounding square lies outside the circle
    }

    [Fact]
    public void A_diagonal_stroke_covers_the_diagonal()
    {
        var stroke = Stroke(Ann, size: 2, points: [(0, 0), (40, 40)]);

        var mask = MaskRasterizer.RasterizeBytes([stroke], Width, Height);

        Assert.All(Enumerable.Range(1, 38), i => Assert.Equal(255, At(mask, i, i)));
        Assert.Equal(0, At(mask, 30, 10));
    }

    [Fact]
    public void An_eraser_removes_what_was_brushed_before_it_and_a_later_brush_paints_again()
    {
        var brush = Stroke(Ann, size: 10, points: [(5, 20), (60, 20)]);
        var eraser = Stroke(Ben, tool: MaskTool.Eraser, size: 10, points: [(30, 0), (30, 47)]);
        var repaint = Stroke(Ann, size: 2, points: [(30, 20)]);

        var erased = MaskRasterizer.RasterizeBytes([brush, eraser], Width, Height);
        var repainted = MaskRasterizer.RasterizeBytes([brush, eraser, repaint], Width, Height);
        var eraserFirst = MaskRasterizer.RasterizeBytes([eraser, brush], Width, Height);

        Assert.Equal(255, At(erased, 10, 20));
        Assert.Equal(0, At(erased, 30, 20));
        Assert.Equal(255, At(repainted, 30, 20));
        Assert.Equal(255, At(eraserFirst, 30, 20)); // an eraser cannot remove what comes after it
    }

    [Fact]
    public void Undoing_a_stroke_takes_it_off_the_mask()
    {
        var strokes = new MaskStrokes(Width, Height);
        strokes.Add(Stroke(Ann, size: 4, points: [(10, 10)]));
        strokes.Add(Stroke(Ben, size: 4, points: [(40, 40)]));

        strokes.UndoLast(Ben);
        var mask = MaskRasterizer.RasterizeBytes(strokes.All, Width, Height);

        Assert.Equal(255, At(mask, 10, 10));
        Assert.Equal(0, At(mask, 40, 40));
    }

    [Fact]
    public void No_strokes_give_an_all_black_mask()
    {
        Assert.All(MaskRasterizer.RasterizeBytes([], Width, Height), value => Assert.Equal(0, value));
    }

    [Fact]
    public void The_png_is_a_grey_image_of_the_mask()
    {
        var stroke = Stroke(Ann, size: 6, points: [(10, 10), (50, 10)]);

        var png = MaskRasterizer.RasterizePng([stroke], Width, Height);
        using var image = Image.Load<L8>(png);

        Assert.Equal(Width, image.Width);
        Assert.Equal(Height, image.Height);
        Assert.Equal(255, image[30, 10].PackedValue);
        Assert.Equal(0, image[30, 30].PackedValue);
    }

    private static byte At(byte[] mask, int x, int y) => mask[y * Width + x];
}
