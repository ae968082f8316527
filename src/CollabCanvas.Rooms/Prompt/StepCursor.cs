namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// Walks the steps of an operation, letting the caller take part of a retain, delete or insert, which is
/// how transform and compose line two operations up code unit by code unit.
/// </summary>
internal struct StepCursor(IReadOnlyList<EditStep> steps)
{
    private int _index;
    private int _offset;

    public readonly bool Done => _index >= steps.Count;

    public readonly EditKind Kind => steps[_index].Kind;

    /// <summary>Code units left in the current step (for an insert: text not yet taken).</summary>
    public readonly int Remaining => steps[_index].Kind == EditKind.Insert
        ? steps[_index].Text!.Length - _offset
        : steps[_index].Count - _offset;

    /// <summary>Takes <paramref name="count"/> code units of the current step; returns the taken insert text (empty otherwise).</summary>
    public string Take(int count)
    {
        var step = steps[_index];
        var taken = step.Kind == EditKind.Insert ? step.Text!.Substring(_offset, count) : "";
        _offset += count;
        if (_offset == (step.Kind == EditKind.Insert ? step.Text!.Length : step.Count))
        {
            _index++;
            _offset = 0;
        }

        return taken;
    }

    public string TakeAll() => Take(Remaining);
}
