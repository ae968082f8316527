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
    /// The dominant hue in degrees: the circular mean of the hues of the coloured pixels, each weighted by its
    /// saturation × value, so the white background and grey outlines do not count. Null when nothing is coloured.
    /// </summary>
    public static double? DominantHue(byte[] png)
    {
        double x = 0, y = 0, weight = 0;
        foreach (var p in Pixels.Read(png, out _, out _))
        {
            var (hue, saturation, value) = Hsv(p.R / 255.0, p.G / 255.0, p.B / 255.0);
            var w = saturation * value;
            if (saturation < 0.25)
            {
                continue;
            }

            x += w * Math.Cos(hue * Math.PI / 180);
            y += w * Math.Sin(hue * Math.PI / 180);
            weight += w;
        }

        if (weight == 0)
        {
            return null;
        }

        var mean = Math.Atan2(y, x) * 180 / Math.PI;
        return mean < 0 ? mean + 360 : mean;
    }

    private static (double Hue, double Saturation, double Value) Hsv(double r, double g, double b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var delta = max - min;
        var saturation = max == 0 ? 0 : delta / max;
        if (delta == 0)
        {
            return (0, saturation, max);
        }

        var hue = max == r ? 60 * ((g - b) / delta % 6)
            : max == g ? 60 * ((b - r) / delta + 2)
            : 60 * ((r - g) / delta + 4);
        return (hue < 0 ? hue + 360 : hue, saturation, max);
    }
}
