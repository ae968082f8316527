namespace CollabCanvas.Rooms.Mask;

/// <summary>The outcome of a change to the strokes: the stroke added or removed, or why it was refused.</summary>
[GenerateSerializer, Immutable]
public sealed record StrokeResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] string? Error,
    [property: Id(2)] MaskStroke? Stroke)
{
    public static StrokeResult Done(MaskStroke stroke) => new(true, null, stroke);

    public static StrokeResult Refused(string error) => new(false, error, null);
}

/// <summary>
/// A room's mask as the strokes that made it, in the order they were painted (order matters: an eraser only
/// removes what was painted before it). Each author's strokes form their layer. Owned by the room grain:
/// single writer, no locks. Role checks (painting needs Editor, clearing needs Facilitator) are the caller's.
/// </summary>
public sealed class MaskStrokes
{
    /// <summary>Caps a room's memory; a Facilitator can clear the mask to start over.</summary>
    public const int MaxStrokes = 5_000;

    private readonly List<MaskStroke> _strokes = [];

    /// <param name="imageWidth">Width of the image strokes are painted on (points are checked against it).</param>
    /// <param name="imageHeight">Height of that image.</param>
    public MaskStrokes(int imageWidth, int imageHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(imageWidth, StrokeCheck.MaxImageSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(imageHeight, StrokeCheck.MaxImageSide);
        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
    }

    public int ImageWidth { get; }

    public int ImageHeight { get; }

    /// <summary>
    /// Every stroke, oldest first: what the rasteriser draws. A copy, so an event or snapshot built from it
    /// never changes under its readers when the next stroke arrives.
    /// </summary>
    public IReadOnlyList<MaskStroke> All => _strokes.ToArray();

    public bool IsEmpty => _strokes.Count == 0;

    /// <summary>One author's strokes, oldest first (their layer, which viewers can hide).</summary>
    public IReadOnlyList<MaskStroke> LayerOf(Guid author) => _strokes.Where(s => s.Author == author).ToList();

    /// <summary>The authors who have strokes, in the order they first painted.</summary>
    public IReadOnlyList<Guid> Authors => _strokes.Select(s => s.Author).Distinct().ToList();

    /// <summary>Adds a stroke after checking it; a refused stroke changes nothing.</summary>
    public StrokeResult Add(MaskStroke? stroke)
    {
        if (StrokeCheck.Check(stroke, ImageWidth, ImageHeight) is { } error)
        {
            return StrokeResult.Refused(error);
        }

        if (_strokes.Count >= MaxStrokes)
        {
            return StrokeResult.Refused($"The mask has the most strokes it can hold ({MaxStrokes:N0}); clear it to paint more.");
        }

        if (_strokes.Any(s => s.Id == stroke!.Id))
        {
            return StrokeResult.Refused("A stroke with this id is already on the mask.");
        }

        // Keep our own copy of the points so a caller reusing its list cannot change the stored stroke.
        var stored = stroke! with { Points = stroke.Points.ToArray() };
        _strokes.Add(stored);
        return StrokeResult.Done(stored);
    }

    /// <summary>Removes <paramref name="author"/>'s most recent stroke; other people's strokes are never touched.</summary>
    public StrokeResult UndoLast(Guid author)
    {
        var index = _strokes.FindLastIndex(s => s.Author == author);
        if (index < 0)
        {
            return StrokeResult.Refused("You have no strokes to undo.");
        }

        var removed = _strokes[index];
        _strokes.RemoveAt(index);
        return StrokeResult.Done(removed);
    }

    /// <summary>Removes every stroke (a Facilitator action: the caller checks the role). Returns how many were removed.</summary>
    public int Clear()
    {
        var count = _strokes.Count;
        _strokes.Clear();
        return count;
    }
}
