namespace CollabCanvas.Web.Versions;

/// <summary>Checks a version's title and note as typed: trimmed, bounded, no control characters except line breaks in notes.</summary>
internal static class VersionTexts
{
    public const int MaxTitleLength = 120;

    public const int MaxNoteLength = 4000;

    /// <returns>The cleaned text, or an error message.</returns>
    public static (string? Value, string? Error) CheckTitle(string? title) => Check(title, MaxTitleLength, allowLineBreaks: false, "Title");

    public static (string? Value, string? Error) CheckNote(string? note) => Check(note, MaxNoteLength, allowLineBreaks: true, "Note");

    private static (string? Value, string? Error) Check(string? text, int maxLength, bool allowLineBreaks, string what)
    {
        var value = (text ?? "").Trim();
        if (value.Length > maxLength)
        {
            return (null, $"{what} must be at most {maxLength} characters.");
        }

        return value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            ? (null, $"{what} must not contain control characters.")
            : (value, null);
    }
}
