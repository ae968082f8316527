using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>Whole-image measures for judging real model output, where exact pixels cannot be expected.</summary>
internal static class ImageStats
{
    /// <summary>Mean absolute per-channel difference on a 0..1 scale, over the columns [fromColumn, toColumn).</summary>
    public static double MeanDifference(byte[] a, byte[] b, int fromColumn = 0, int toColumn = int.MaxValue)
    {
        var pa = Pixels.Read(a, out var width, out var height);
        var pb = Pixels.Read(b, out var widthB, out var heightB);
        Assert.Equal((width, height), (widthB, heightB));
        double sum = 0;
        var count = 0;
        for (var i = 0; i < pa.Length; i++)
        {
            var column = i % width;
            if (column < fromColumn || column >= toColumn)
            {
                continue;
            }

            sum += Math.Abs(pa[i].R - pb[i].R) + Math.Abs(pa[i].G - pb[i].G) + Math.Abs(pa[i].B - pb[i].B);
            count += 3;
        }

        return sum / count / 255.0;
    }

    /// <summary>
    /// Mean per-channel distance from white (0..1) over a frame <paramref name="width"/> pixels wide along the edges:
    /// every training image is an emoji on white, so a sampler that reads the model right leaves a clean frame.
    /// </summary>
    public static double FrameDistanceFromWhite(byte[] png, int width)
    {
        var pixels = Pixels.Read(png, out var w, out var h);
        double sum = 0;
        var count = 0;
        for (var i = 0; i < pixels.Length; i++)
        {
            var (x, y) = (i % w, i / w);
            if (x >= width && x < w - width && y >= width && y < h - width)
            {
                continue;
            }

            sum += 765 - pixels[i].R - pixels[i].G - pixels[i].B;
            count += 3;
        }

        return sum / count / 255.0;
    }
}
