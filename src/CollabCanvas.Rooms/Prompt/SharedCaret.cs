namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// Keeps someone else's caret on the characters they left it at while edits arrive: the rule the room uses to
/// bring a caret up to date and every viewer uses to follow it afterwards.
/// </summary>
public static class SharedCaret
{
    /// <summary>
    /// <paramref name="owner"/>'s <paramref name="selection"/> after <paramref name="applied"/>. The owner's own
    /// typing carries their caret along (it is where they type); anyone else's typing at the caret leaves it before.
    /// </summary>
    public static TextSelection Through(TextSelection selection, Guid owner, PromptApplied applied) =>
        selection.Transform(applied.Operation, applied.Author == owner ? CaretBias.MoveAfter : CaretBias.StayBefore);

    /// <summary>The selection after each of <paramref name="edits"/>, in order.</summary>
    public static TextSelection Through(TextSelection selection, Guid owner, IEnumerable<PromptApplied> edits) =>
        edits.Aggregate(selection, (current, applied) => Through(current, owner, applied));
}
