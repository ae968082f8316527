namespace CollabCanvas.Rooms.Mask;

/// <summary>
/// Decides whether a stroke may join a room's mask, with a message for the painter when not. The limits
/// bound what one message can cost to store and to rasterise.
/// </summary>
public static class StrokeCheck
{
    public const int MaxPoints = 10_000;
    public const float MinSize = 1;
    public const float MaxSize = 256;

    /// <summary>The largest image side a mask is drawn for.</summary>
    public const int MaxImageSide = 4096;

    /// <summary>Null when <paramref name="stroke"/> is fine on an image of the given size; otherwise why not.</summary>
    public static string? Check(MaskStroke? stroke, int imageWidth, int imageHeight)
    {
        if (imageWidth is < 1 or > MaxImageSide || imageHeight is < 1 or > MaxImageSide)
        {
            return $"The image size must be between 1 and {MaxImageSide} pixels on each side.";
        }

        if (stroke?.Points is null)
        {
            return "The stroke is empty.";
        }

        if (stroke.Id == Guid.Empty || stroke.Author == Guid.Empty)
        {
            return "The stroke has no id or no author.";
        }

        if (!Enum.IsDefined(stroke.Tool))
        {
            return "The stroke's tool must be brush or eraser.";
        }

        if (!float.IsFinite(stroke.Size) || stroke.Size is < MinSize or > MaxSize)
        {
            return $"The brush size must be between {MinSize} and {MaxSize} pixels.";
        }

        if (stroke.Points.Count == 0)
        {
            return "The stroke has no points.";
        }

        if (stroke.Points.Count > MaxPoints)
        {
            return $"A stroke can have at most {MaxPoints:N0} points; this one has {stroke.Points.Count:N0}.";
        }

        foreach (var point in stroke.Points)
        {
            if (!float.IsFinite(point.X) || !float.IsFinite(point.Y))
            {
                return "The stroke has a point that is not a number.";
            }

            if (point.X < 0 || point.Y < 0 || point.X > imageWidth || point.Y > imageHeight)
            {
                return $"The stroke has a point outside the {imageWidth}×{imageHeight} image.";
            }
        }

        return null;
    }
}
