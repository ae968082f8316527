namespace CollabCanvas.Rooms.Mask;

/// <summary>
/// Points appended to a stroke that is still being drawn, so others see it form. Only the new points travel
/// (<paramref name="StartIndex"/> says where they go in the stroke), never the whole stroke again; the
/// finished stroke is committed with <c>AddStroke</c> under the same <paramref name="StrokeId"/>, which replaces
/// this preview everywhere.
/// </summary>
/// <param name="StrokeId">The id the painter's client gave the stroke (the one it will commit).</param>
/// <param name="Tool">Brush or eraser.</param>
/// <param name="Size">Pen diameter in image pixels.</param>
/// <param name="StartIndex">Index of the first of <paramref name="Points"/> in the whole stroke (0 for its first batch).</param>
/// <param name="Points">The appended points, in image pixels.</param>
[GenerateSerializer, Immutable]
public sealed record StrokeProgress(
    [property: Id(0)] Guid StrokeId,
    [property: Id(1)] MaskTool Tool,
    [property: Id(2)] float Size,
    [property: Id(3)] int StartIndex,
    [property: Id(4)] IReadOnlyList<StrokePoint> Points)
{
    /// <summary>Null when the batch may be shown on an image of the given size; otherwise why not.</summary>
    public static string? Check(StrokeProgress? progress, int imageWidth, int imageHeight)
    {
        if (progress?.Points is null)
        {
            return "The stroke in progress has no points.";
        }

        if (progress.StartIndex < 0)
        {
            return "The points of a stroke in progress must start at index 0 or later.";
        }

        if ((long)progress.StartIndex + progress.Points.Count > StrokeCheck.MaxPoints)
        {
            return $"A stroke can have at most {StrokeCheck.MaxPoints:N0} points.";
        }

        // The same rules as a finished stroke: the batch must be a valid stroke on its own.
        return StrokeCheck.Check(new MaskStroke(progress.StrokeId, Guid.NewGuid(), progress.Tool, progress.Size, progress.Points), imageWidth, imageHeight);
    }
}
