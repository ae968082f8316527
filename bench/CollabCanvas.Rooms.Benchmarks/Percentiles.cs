namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>Nearest-rank percentiles of a set of milliseconds.</summary>
internal sealed record Percentiles(int Count, double P50, double P95, double Max, double Min = double.NaN)
{
    public static Percentiles Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN);
        }

        var sorted = values.Order().ToArray();
        return new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), sorted[^1], sorted[0]);
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
