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
}
