using System.Globalization;

namespace CollabCanvas.Rooms;

/// <summary>
/// Rules for the names people show in a room and for room names. Any script and emoji are welcome;
/// control and bidi-override characters are not (they let one name reorder the text around it).
/// </summary>
public static class DisplayNames
{
    public const int MaxPersonNameLength = 40;
    public const int MaxRoomNameLength = 80;
    public const int MaxRoomDescriptionLength = 500;

    /// <summary>Validates a person's display name; returns the cleaned name or an error message.</summary>
    public static NameCheck CheckPersonName(string? input) => Check(input, "Display name", MaxPersonNameLength, required: true);

    /// <summary>Validates a room name; returns the cleaned name or an error message.</summary>
    public static NameCheck CheckRoomName(string? input) => Check(input, "Room name", MaxRoomNameLength, required: true);

    /// <summary>Validates an optional room description.</summary>
    public static NameCheck CheckRoomDescription(string? input) => Check(input, "Description", MaxRoomDescriptionLength, required: false, multiline: true);

    private static NameCheck Check(string? input, string label, int maxLength, bool required, bool multiline = false)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            return required ? NameCheck.Invalid($"{label} is required.") : NameCheck.Valid("");
        }

        // Count what a reader sees (an emoji with modifiers is one), but also cap the raw length
        // so a name of combining marks cannot grow without bound.
        var visible = new StringInfo(text).LengthInTextElements;
        if (visible > maxLength || text.Length > maxLength * 4)
        {
            return NameCheck.Invalid($"{label} must be at most {maxLength} characters.");
        }

        foreach (var c in text)
        {
            if (IsForbidden(c, multiline))
            {
                return NameCheck.Invalid($"{label} contains a character that is not allowed.");
            }
        }

        return NameCheck.Valid(text);
    }

    private static bool IsForbidden(char c, bool multiline)
    {
        if (multiline && c is '\n' or '\r')
        {
            return false;
        }

        // U+202A..U+202E and U+2066..U+2069 are bidi embeddings/overrides/isolates.
        return char.IsControl(c) || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
    }
}

/// <summary>The result of a name check: the cleaned value, or why it was refused.</summary>
public readonly record struct NameCheck(bool IsValid, string Value, string? Error)
{
    public static NameCheck Valid(string value) => new(true, value, null);

    public static NameCheck Invalid(string error) => new(false, "", error);
}
