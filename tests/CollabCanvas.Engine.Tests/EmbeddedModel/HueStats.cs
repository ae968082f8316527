using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>The dominant hue of an image's coloured pixels, for judging whether a colour word in a prompt landed.</summary>
internal static class HueStats
{
    // Emoji sit on white with dark outlines: only clearly coloured pixels say anything about the prompt's colour.
    private const double MinSaturation = 0.35;
    private const double MinValue = 0.2;

    /// <summary>
    /// The saturation-weighted circular mean hue (degrees, 0..360) of the coloured pixels of all
    /// <paramref name="images"/> together, and the share of pixels that were coloured at all.
    /// </summary>
    public static (double Hue, double ColouredShare) DominantHue(IEnumerable<byte[]> images)
    {
        double x = 0, y = 0;
        int coloured = 0, total = 0;
        foreach (var png in images)
        {
            foreach (var pixel in Pixels.Read(png, out _, out _))
            {
                total++;
                var (hue, saturation, value) = ToHsv(pixel.R / 255.0, pixel.G / 255.0, pixel.B / 255.0);
                if (saturation < MinSaturation || value < MinValue)
                {
                    continue;
                }

                coloured++;
                // Hue is an angle: averaging angles as vectors keeps 350° and 10° together as red.
                x += saturation * Math.Cos(hue * Math.PI / 180);
                y += saturation * Math.Sin(hue * Math.PI / 180);
            }
        }

        var mean = Math.Atan2(y, x) * 180 / Math.PI;
        return (mean < 0 ? mean + 360 : mean, total == 0 ? 0 : (double)coloured / total);
    }

    /// <summary>The smallest angle between two hues, in degrees (0..180).</summary>
    public static double Distance(double hue, double other)
    {
        var difference = Math.Abs(hue - other) % 360;
        return difference > 180 ? 360 - difference : difference;
    }

    private static (double Hue, double Saturation, double Value) ToHsv(double r, double g, double b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var delta = max - min;
        if (delta <= 0)
        {
            return (0, 0, max);
        }

        var hue = max == r ? 60 * ((g - b) / delta % 6)
            : max == g ? 60 * ((b - r) / delta + 2)
            : 60 * ((r - g) / delta + 4);
        return (hue < 0 ? hue + 360 : hue, delta / max, max);
    }
}
