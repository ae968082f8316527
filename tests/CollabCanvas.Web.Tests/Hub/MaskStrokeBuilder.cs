using CollabCanvas.Rooms.Mask;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>Builds a valid brush stroke inside any canvas (a short line near the top-left corner).</summary>
public sealed class MaskStrokeBuilder
{
    private float _x = 2;

    public MaskStrokeBuilder At(float x)
    {
        _x = x;
        return this;
    }

    public MaskStroke Build() =>
        new(Guid.NewGuid(), Guid.Empty, MaskTool.Brush, 3, [new StrokePoint(_x, 2), new StrokePoint(_x + 3, 4)]);
}
