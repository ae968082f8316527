namespace CollabCanvas.Rooms.Live;

/// <summary>
/// An init image the app has stored (by the SHA-256 of its PNG bytes) and its size, which the room needs for the
/// mask canvas: strokes are painted in the init image's pixels.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InitImageRef(
    [property: Id(0)] string Hash,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height)
{
    /// <summary>The largest side an init image may have (the upload limit).</summary>
    public const int MaxSide = 4096;

    /// <summary>Checks the fields; the store checked the bytes.</summary>
    public string? Validate()
    {
        if (!IsHash(Hash))
        {
            return "The init image must be named by its SHA-256 (64 lowercase hex digits).";
        }

        return Width is < 1 or > MaxSide || Height is < 1 or > MaxSide
            ? $"An init image must be between 1 and {MaxSide} pixels on each side."
            : null;
    }

    /// <summary>Exactly 64 lowercase hex digits, as the image store names images.</summary>
    public static bool IsHash(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
