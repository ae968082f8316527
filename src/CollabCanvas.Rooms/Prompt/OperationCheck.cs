namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// Decides whether an operation may be applied to a text, with a message a person can read when not. Run
/// before anything changes, so a bad edit is refused whole and never half-applied.
/// </summary>
public static class OperationCheck
{
    /// <summary>The longest prompt, in UTF-16 code units (an emoji outside the BMP counts as two).</summary>
    public const int MaxLength = 2000;

    /// <summary>More steps than any real edit of a 2,000-unit text needs: caps the work a garbage message can cause.</summary>
    public const int MaxSteps = 2 * MaxLength + 2;

    /// <summary>Checks only the operation itself (well-formed steps and inserted text); null when fine.</summary>
    public static string? CheckShape(TextOperation? operation)
    {
        if (operation?.Steps is null)
        {
            return "The edit is empty.";
        }

        if (operation.Steps.Count > MaxSteps)
        {
            return "The edit has too many steps.";
        }

        foreach (var step in operation.Steps)
        {
            if (step.Kind is not (EditKind.Retain or EditKind.Insert or EditKind.Delete))
            {
                return "The edit contains an unknown step.";
            }

            if (step.Kind == EditKind.Insert)
            {
                if (string.IsNullOrEmpty(step.Text) || step.Count != step.Text.Length)
                {
                    return "An insert in the edit has no text or a wrong length.";
                }

                if (CheckInsertedText(step.Text) is { } textError)
                {
                    return textError;
                }
            }
            else if (step.Count <= 0 || step.Count > MaxLength)
            {
                return "A step in the edit has a length out of range.";
            }
        }

        return null;
    }

    /// <summary>Checks that <paramref name="operation"/> fits <paramref name="text"/> and keeps it valid; null when fine.</summary>
    public static string? Check(TextOperation? operation, string text)
    {
        if (CheckShape(operation) is { } shapeError)
        {
            return shapeError;
        }

        if (operation!.BaseLength != text.Length)
        {
            return $"The edit is for a text of {operation.BaseLength} characters, but the prompt has {text.Length}.";
        }

        if (operation.TargetLength > MaxLength && operation.TargetLength > text.Length)
        {
            return $"The prompt can be at most {MaxLength} characters.";
        }

        // Every place a step starts or ends must be between two characters, never inside a surrogate pair.
        var position = 0;
        foreach (var step in operation.Steps)
        {
            if (SplitsPair(text, position))
            {
                return "The edit would split a character (an emoji or other surrogate pair).";
            }

            position += step.Kind == EditKind.Insert ? 0 : step.Count;
        }

        return null;
    }

    /// <summary>Inserted text must be well-formed UTF-16 without control characters other than newline and tab.</summary>
    public static string? CheckInsertedText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "The text contains half of a character (a lone surrogate).";
            }

            if (char.IsControl(c) && c is not ('\n' or '\t'))
            {
                return "The text contains a control character.";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="position"/> falls between the two halves of a surrogate pair.</summary>
    public static bool SplitsPair(string text, int position) =>
        position > 0 && position < text.Length && char.IsHighSurrogate(text[position - 1]) && char.IsLowSurrogate(text[position]);
}
