using CollabCanvas.Rooms.Mask;

namespace CollabCanvas.Rooms.Tests.Mask;

/// <summary>Test-data builder for strokes: a valid brush stroke unless told otherwise.</summary>
internal static class StrokeBuilder
{
    public static MaskStroke Stroke(Guid author, MaskTool tool = MaskTool.Brush, float size = 4, params (float X, float Y)[] points) =>
        new(Guid.NewGuid(), author, tool, size, points.Select(p => new StrokePoint(p.X, p.Y)).ToArray());
}
