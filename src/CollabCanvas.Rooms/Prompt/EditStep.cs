namespace CollabCanvas.Rooms.Prompt;

/// <summary>What one step of a <see cref="TextOperation"/> does at the current position.</summary>
public enum EditKind
{
    /// <summary>Keep <see cref="EditStep.Count"/> code units unchanged and move past them.</summary>
    Retain,

    /// <summary>Insert <see cref="EditStep.Text"/> here.</summary>
    Insert,

    /// <summary>Remove the next <see cref="EditStep.Count"/> code units.</summary>
    Delete,
}

/// <summary>
/// One step of an edit. A flat record (kind, count, text) rather than three subtypes, so that it travels
/// unchanged through JSON (SignalR), Orleans and the JavaScript mirror of the client.
/// </summary>
/// <param name="Count">UTF-16 code units retained or deleted; for an insert, the length of <paramref name="Text"/>.</param>
/// <param name="Text">The inserted text (inserts only).</param>
[GenerateSerializer, Immutable]
public readonly record struct EditStep(
    [property: Id(0)] EditKind Kind,
    [property: Id(1)] int Count,
    [property: Id(2)] string? Text = null)
{
    public static EditStep Retain(int count) => new(EditKind.Retain, count);

    public static EditStep Insert(string text) => new(EditKind.Insert, text.Length, text);

    public static EditStep Delete(int count) => new(EditKind.Delete, count);
}
