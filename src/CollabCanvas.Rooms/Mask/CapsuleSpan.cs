namespace CollabCanvas.Rooms.Mask;

/// <summary>
/// The part of one pixel row covered by a round pen dragged from A to B (a capsule: every point within
/// radius r of the segment). A capsule is convex, so a row meets it in one interval: the union of the
/// row's intervals through the two end discs and through the rectangle between them. Working row by row
/// keeps a wide brush cheap (one span fill per row instead of a distance test per pixel).
/// </summary>
internal static class CapsuleSpan
{
    /// <summary>The x range (continuous coordinates) the capsule covers on the horizontal line at <paramref name="y"/>; null when none.</summary>
    public static (double Left, double Right)? At(double y, StrokePoint a, StrokePoint b, double radius)
    {
        var span = Disc(y, a, radius);
        span = Union(span, Disc(y, b, radius));
        span = Union(span, Rectangle(y, a, b, radius));
        return span;
    }

    private static (double, double)? Disc(double y, StrokePoint centre, double radius)
    {
        var dy = y - centre.Y;
        var squared = radius * radius - dy * dy;
        if (squared < 0)
        {
            return null;
        }

        var half = Math.Sqrt(squared);
        return (centre.X - half, centre.X + half);
    }

    /// <summary>Points p on the line with 0 ≤ (p−a)·d ≤ length and |(p−a)·n| ≤ r, where d is the unit direction and n its normal.</summary>
    private static (double, double)? Rectangle(double y, StrokePoint a, StrokePoint b, double radius)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        var length = Math.Sqrt(dx * dx + dy * dy);
        if (length == 0)
        {
            return null;
        }

        dx /= length;
        dy /= length;
        var ry = y - a.Y;

        // Along the segment: (x − a.X)·dx + ry·dy in [0, length]. Across it: −(x − a.X)·dy + ry·dx in [−r, r].
        (double, double)? span = (double.NegativeInfinity, double.PositiveInfinity);
        span = Intersect(span, Solve(dx, ry * dy, 0, length));
        span = Intersect(span, Solve(-dy, ry * dx, -radius, radius));
        return span is { } s ? (s.Item1 + a.X, s.Item2 + a.X) : null;
    }

    /// <summary>The u with low ≤ slope·u + offset ≤ high.</summary>
    private static (double, double)? Solve(double slope, double offset, double low, double high)
    {
        if (Math.Abs(slope) < 1e-12)
        {
            return offset >= low && offset <= high ? (double.NegativeInfinity, double.PositiveInfinity) : null;
        }

        var first = (low - offset) / slope;
        var second = (high - offset) / slope;
        return (Math.Min(first, second), Math.Max(first, second));
    }

    private static (double, double)? Intersect((double, double)? a, (double, double)? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return null;
        }

        var left = Math.Max(x.Item1, y.Item1);
        var right = Math.Min(x.Item2, y.Item2);
        return left <= right ? (left, right) : null;
    }

    private static (double, double)? Union((double, double)? a, (double, double)? b) =>
        (a, b) switch
        {
            (null, _) => b,
            (_, null) => a,
            ({ } x, { } y) => (Math.Min(x.Item1, y.Item1), Math.Max(x.Item2, y.Item2)),
        };
}
