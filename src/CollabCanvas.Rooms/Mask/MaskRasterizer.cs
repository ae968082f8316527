using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace CollabCanvas.Rooms.Mask;

/// <summary>
/// Draws a room's strokes into the inpainting mask the engine reads: white (255) = repaint, black (0) = keep.
/// Strokes are drawn in order, so an eraser clears what was brushed before it and a later brush paints
/// over an erased spot again. A pixel is covered when its centre lies within the pen's radius of the
/// stroke's polyline; no anti-aliasing, since the engine thresholds the mask at half brightness anyway.
/// </summary>
public static class MaskRasterizer
{
    /// <summary>The mask as one byte per pixel, row by row from the top (0 or 255).</summary>
    public static byte[] RasterizeBytes(IEnumerable<MaskStroke> strokes, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, StrokeCheck.MaxImageSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, StrokeCheck.MaxImageSide);

        var pixels = new byte[width * height];
        foreach (var stroke in strokes)
        {
            Draw(pixels, width, height, stroke);
        }

        return pixels;
    }

    /// <summary>The mask as an 8-bit grey image (dispose it).</summary>
    public static Image<L8> Rasterize(IEnumerable<MaskStroke> strokes, int width, int height) =>
        Image.LoadPixelData<L8>(RasterizeBytes(strokes, width, height), width, height);

    /// <summary>The mask encoded as a greyscale PNG: what <c>GenerationRequest.Mask</c> takes.</summary>
    public static byte[] RasterizePng(IEnumerable<MaskStroke> strokes, int width, int height)
    {
        using var image = Rasterize(strokes, width, height);
        using var stream = new MemoryStream();
        image.Save(stream, new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 });
        return stream.ToArray();
    }

    private static void Draw(byte[] pixels, int width, int height, MaskStroke stroke)
    {
        var value = stroke.Tool == MaskTool.Brush ? (byte)255 : (byte)0;
        var radius = stroke.Size / 2.0;
        var points = stroke.Points;
        if (points.Count == 1)
        {
            DrawSegment(pixels, width, height, points[0], points[0], radius, value);
            return;
        }

        for (var i = 1; i < points.Count; i++)
        {
            DrawSegment(pixels, width, height, points[i - 1], points[i], radius, value);
        }
    }

    private static void DrawSegment(byte[] pixels, int width, int height, StrokePoint a, StrokePoint b, double radius, byte value)
    {
        var top = Math.Max(0, (int)Math.Floor(Math.Min(a.Y, b.Y) - radius - 0.5));
        var bottom = Math.Min(height - 1, (int)Math.Ceiling(Math.Max(a.Y, b.Y) + radius - 0.5));
        for (var row = top; row <= bottom; row++)
        {
            if (CapsuleSpan.At(row + 0.5, a, b, radius) is not { } span)
            {
                continue;
            }

            // Pixels whose centre (x + 0.5) lies in [Left, Right].
            var first = Math.Max(0, (int)Math.Ceiling(span.Left - 0.5));
            var last = Math.Min(width - 1, (int)Math.Floor(span.Right - 0.5));
            if (first <= last)
            {
                pixels.AsSpan(row * width + first, last - first + 1).Fill(value);
            }
        }
    }
}
