namespace CollabCanvas.Rooms.Mask;

/// <summary>What a stroke does to the mask.</summary>
public enum MaskTool
{
    /// <summary>Marks pixels to repaint (white).</summary>
    Brush,

    /// <summary>Unmarks pixels (black), including other people's brush strokes painted before it.</summary>
    Eraser,
}

/// <summary>A point in image pixel coordinates (0,0 = top-left corner of the image; x grows right, y down).</summary>
[GenerateSerializer, Immutable]
public readonly record struct StrokePoint([property: Id(0)] float X, [property: Id(1)] float Y);

/// <summary>
/// One stroke of brush or eraser: a polyline drawn with a round pen <paramref name="Size"/> pixels wide.
/// A single point is a dot.
/// </summary>
/// <param name="Id">Chosen by the painter's client, so it can show the stroke at once and match the server's echo.</param>
/// <param name="Author">The member who painted it (set by the server from the caller, not trusted from the client).</param>
/// <param name="Size">Pen diameter in image pixels.</param>
[GenerateSerializer, Immutable]
public sealed record MaskStroke(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid Author,
    [property: Id(2)] MaskTool Tool,
    [property: Id(3)] float Size,
    [property: Id(4)] IReadOnlyList<StrokePoint> Points);
