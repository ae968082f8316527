namespace CollabCanvas.Rooms.Prompt;

/// <summary>Where a caret goes when someone inserts text exactly at it.</summary>
public enum CaretBias
{
    /// <summary>The caret stays before the new text: right for someone else's typing, so it does not drag your caret along.</summary>
    StayBefore,

    /// <summary>The caret moves past the new text: right for your own typing.</summary>
    MoveAfter,
}

/// <summary>A selection in the prompt (anchor = where it started, head = where the caret is); equal for a plain caret.</summary>
[GenerateSerializer, Immutable]
public sealed record TextSelection([property: Id(0)] int Anchor, [property: Id(1)] int Head)
{
    public static TextSelection Caret(int position) => new(position, position);

    /// <summary>
    /// The same selection after <paramref name="operation"/>. A caret follows <paramref name="bias"/>; a
    /// selection keeps covering the same characters, so text inserted right at either edge stays outside it.
    /// </summary>
    public TextSelection Transform(TextOperation operation, CaretBias bias)
    {
        if (Anchor == Head)
        {
            return Caret(CaretTransform.TransformIndex(Head, operation, bias));
        }

        var startBias = CaretBias.MoveAfter;
        var endBias = CaretBias.StayBefore;
        return Anchor < Head
            ? new(CaretTransform.TransformIndex(Anchor, operation, startBias), CaretTransform.TransformIndex(Head, operation, endBias))
            : new(CaretTransform.TransformIndex(Anchor, operation, endBias), CaretTransform.TransformIndex(Head, operation, startBias));
    }
}

/// <summary>Moves positions through an operation so carets and selections stay on the characters their owners left them at.</summary>
public static class CaretTransform
{
    /// <summary>
    /// The position that <paramref name="index"/> (in the text before <paramref name="operation"/>) becomes after
    /// it. Text inserted before the index pushes it right; deleted text before it pulls it left; a caret inside
    /// deleted text lands where the deletion was.
    /// </summary>
    public static int TransformIndex(int index, TextOperation operation, CaretBias bias)
    {
        var source = 0;
        var result = index;
        foreach (var step in operation.Steps)
        {
            switch (step.Kind)
            {
                case EditKind.Retain:
                    source += step.Count;
                    break;
                case EditKind.Insert:
                    if (source < index || (source == index && bias == CaretBias.MoveAfter))
                    {
                        result += step.Text!.Length;
                    }

                    break;
                default:
                    result -= Math.Clamp(index - source, 0, step.Count);
                    source += step.Count;
                    break;
            }

            if (source > index)
            {
                break;
            }
        }

        return result;
    }
}
