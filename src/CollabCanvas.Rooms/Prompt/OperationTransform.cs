namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// The two functions operational transformation needs (ports of ot.js's <c>transform</c> and <c>compose</c>).
/// Only TP1 is required of <see cref="Transform"/>, because the server orders every operation (Jupiter):
/// for concurrent a and b on one text, apply(apply(t, a), b') == apply(apply(t, b), a').
/// Both inputs must be valid on the same text; callers check with <see cref="OperationCheck"/> first, so a
/// length mismatch here is a bug and throws.
/// </summary>
public static class OperationTransform
{
    /// <summary>
    /// Transforms concurrent <paramref name="a"/> and <paramref name="b"/> (both based on the same text) into
    /// a' (to apply after b) and b' (to apply after a).
    /// </summary>
    /// <param name="aInsertsFirst">
    /// Who goes first when both insert at the same position. Every side must decide it the same way for the
    /// same pair; <see cref="InsertsFirst"/> does, from the authors.
    /// </param>
    public static (TextOperation APrime, TextOperation BPrime) Transform(TextOperation a, TextOperation b, bool aInsertsFirst)
    {
        if (a.BaseLength != b.BaseLength)
        {
            throw new ArgumentException($"Concurrent operations must share a base length ({a.BaseLength} vs {b.BaseLength}).");
        }

        var aPrime = new OperationBuilder();
        var bPrime = new OperationBuilder();
        var first = new StepCursor(a.Steps);
        var second = new StepCursor(b.Steps);

        while (!first.Done || !second.Done)
        {
            var firstInserts = !first.Done && first.Kind == EditKind.Insert;
            var secondInserts = !second.Done && second.Kind == EditKind.Insert;
            if (firstInserts && (aInsertsFirst || !secondInserts))
            {
                var text = first.TakeAll();
                aPrime.Insert(text);
                bPrime.Retain(text.Length);
                continue;
            }

            if (secondInserts)
            {
                var text = second.TakeAll();
                aPrime.Retain(text.Length);
                bPrime.Insert(text);
                continue;
            }

            var count = Math.Min(first.Remaining, second.Remaining);
            var firstKind = first.Kind;
            var secondKind = second.Kind;
            first.Take(count);
            second.Take(count);
            switch (firstKind, secondKind)
            {
                case (EditKind.Retain, EditKind.Retain):
                    aPrime.Retain(count);
                    bPrime.Retain(count);
                    break;
                case (EditKind.Delete, EditKind.Retain):
                    aPrime.Delete(count);
                    break;
                case (EditKind.Retain, EditKind.Delete):
                    bPrime.Delete(count);
                    break;

                    // Both deleted the same text: it is gone once, neither needs to delete it again.
            }
        }

        return (aPrime.Build(), bPrime.Build());
    }

    /// <summary>
    /// Who inserts first at a tie: the smaller author id, so the order does not depend on who reached the
    /// server first. Two connections of one author (two tabs) tie; then the operation the server already
    /// applied goes first — the client and the server both know which one that is.
    /// </summary>
    public static bool InsertsFirst(Guid pendingAuthor, Guid appliedAuthor) => pendingAuthor.CompareTo(appliedAuthor) < 0;

    /// <summary>One operation with the effect of <paramref name="first"/> then <paramref name="second"/> (same author: a client's buffer).</summary>
    public static TextOperation Compose(TextOperation first, TextOperation second)
    {
        if (first.TargetLength != second.BaseLength)
        {
            throw new ArgumentException($"The second operation must apply to the first one's result ({first.TargetLength} vs {second.BaseLength}).");
        }

        var result = new OperationBuilder();
        var a = new StepCursor(first.Steps);
        var b = new StepCursor(second.Steps);

        while (!a.Done || !b.Done)
        {
            if (!a.Done && a.Kind == EditKind.Delete)
            {
                var deleted = a.Remaining;
                a.Take(deleted);
                result.Delete(deleted);
                continue;
            }

            if (!b.Done && b.Kind == EditKind.Insert)
            {
                result.Insert(b.TakeAll());
                continue;
            }

            var count = Math.Min(a.Remaining, b.Remaining);
            var aKind = a.Kind;
            var bKind = b.Kind;
            var inserted = a.Take(count);
            b.Take(count);
            switch (aKind, bKind)
            {
                case (EditKind.Retain, EditKind.Retain):
                    result.Retain(count);
                    break;
                case (EditKind.Insert, EditKind.Retain):
                    result.Insert(inserted);
                    break;
                case (EditKind.Retain, EditKind.Delete):
                    result.Delete(count);
                    break;

                    // Insert then delete of the same text: nothing is left of either.
            }
        }

        return result.Build();
    }
}
