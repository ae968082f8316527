namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// The server's copy of a co-edited prompt: the single source of truth that orders every edit.
/// <para>
/// Design: server-authoritative operational transformation (the Jupiter model that Google Wave and Etherpad
/// use), not a CRDT. The room grain is already a single writer, so a central order costs nothing, and
/// with it transform needs only TP1 (two concurrent edits commute after transformation) — the property that
/// is simple to get right — while operations stay as small as the keystrokes themselves (a CRDT would keep
/// an id per character forever). Each character's author rides along: inserts are applied with the
/// author of their edit.
/// </para>
/// <para>
/// An edit names the revision it was made on. The document transforms it against every edit applied since
/// then (kept in a bounded history), checks the result, applies it, and returns it under the next revision
/// for broadcasting. Invariants: the revision grows by exactly one per applied edit; history holds the
/// latest applied edits in revision order; a refused edit changes nothing; text never exceeds
/// <see cref="OperationCheck.MaxLength"/> code units and never has a split surrogate pair.
/// </para>
/// Not thread-safe by design: its owner (the room grain) runs one call at a time.
/// </summary>
public sealed class PromptDocument
{
    public const int DefaultHistoryLimit = 500;

    private readonly Queue<PromptApplied> _history = new();
    private readonly int _historyLimit;

    // The revision a whole-text replacement produced: edits typed before it were made on a text that is gone.
    private long _replacedAt;

    /// <summary>An empty prompt at revision 0.</summary>
    public PromptDocument(int historyLimit = DefaultHistoryLimit)
        : this(PromptSnapshot.Empty, historyLimit)
    {
    }

    /// <summary>Restores a prompt (after a restart). Edits made before the snapshot's revision are refused as too old.</summary>
    public PromptDocument(PromptSnapshot snapshot, int historyLimit = DefaultHistoryLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyLimit, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(snapshot.Revision);
        _historyLimit = historyLimit;
        Content = AuthoredText.FromSpans(snapshot.Text, snapshot.Authors);
        Revision = snapshot.Revision;
    }

    /// <summary>The revision of the current text: the number of edits applied since the prompt was created.</summary>
    public long Revision { get; private set; }

    public AuthoredText Content { get; private set; }

    public string Text => Content.Text;

    /// <summary>The oldest revision an edit may still be based on.</summary>
    public long OldestBaseRevision => Revision - _history.Count;

    public PromptSnapshot ToSnapshot() => new(Revision, Content.Text, Content.Spans());

    /// <summary>
    /// Applies an edit by <paramref name="author"/>. Returns the transformed edit under its new revision (to
    /// broadcast to everyone, its sender included), or a refusal with a message; a refused edit changes nothing.
    /// </summary>
    public PromptEditResult Apply(Guid author, PromptEdit? edit)
    {
        if (author == Guid.Empty)
        {
            return PromptEditResult.Refused("The edit has no author.");
        }

        if (edit is null)
        {
            return PromptEditResult.Refused("The edit is empty.");
        }

        if (OperationCheck.CheckShape(edit.Operation) is { } shapeError)
        {
            return PromptEditResult.Refused(shapeError);
        }

        if (_history.FirstOrDefault(applied => applied.EditId == edit.EditId && applied.Author == author) is { } earlier)
        {
            return PromptEditResult.Done(earlier, isRepeat: true);
        }

        if (edit.BaseRevision > Revision || edit.BaseRevision < 0)
        {
            return PromptEditResult.Refused($"The edit is for revision {edit.BaseRevision}, but the prompt is only at revision {Revision}. Reload the prompt.");
        }

        if (edit.BaseRevision < _replacedAt)
        {
            return PromptEditResult.Refused("The prompt was replaced (a version was restored) after this edit was typed, so it was not applied. Reload the prompt.");
        }

        if (edit.BaseRevision < OldestBaseRevision)
        {
            return PromptEditResult.Refused($"The edit is for revision {edit.BaseRevision}, too old to merge (the oldest is {OldestBaseRevision}). Reload the prompt.");
        }

        var operation = edit.Operation.Normalize();
        var lengthAtBase = LengthAt(edit.BaseRevision);
        if (operation.BaseLength != lengthAtBase)
        {
            return PromptEditResult.Refused($"The edit is for a text of {operation.BaseLength} characters, but at revision {edit.BaseRevision} the prompt had {lengthAtBase}.");
        }

        foreach (var applied in _history.Where(applied => applied.Revision > edit.BaseRevision))
        {
            var insertsFirst = OperationTransform.InsertsFirst(author, applied.Author);
            operation = OperationTransform.Transform(operation, applied.Operation, insertsFirst).APrime;
        }

        if (OperationCheck.Check(operation, Content.Text) is { } error)
        {
            return PromptEditResult.Refused(error);
        }

        Content = Content.Apply(operation, author);
        Revision++;
        var result = new PromptApplied(Revision, edit.EditId, author, operation);
        _history.Enqueue(result);
        if (_history.Count > _historyLimit)
        {
            _history.Dequeue();
        }

        return PromptEditResult.Done(result);
    }

    /// <summary>
    /// Replaces the whole text and its authorship in one revision (restoring a saved version: the characters keep
    /// the authors they had there). Not an operation: transforming pending edits against "everything replaced"
    /// would keep fragments of a text that is gone, so edits based on earlier revisions are refused with a message
    /// instead and their senders start over from the new text. Returns null, or why the content cannot be used
    /// (nothing changes then).
    /// </summary>
    public string? Replace(string text, IReadOnlyList<AuthorSpan> authors)
    {
        if (CheckContent(text, authors) is { } error)
        {
            return error;
        }

        Content = AuthoredText.FromSpans(text, authors);
        Revision++;
        _replacedAt = Revision;
        _history.Clear();
        return null;
    }

    /// <summary>Why a text with authorship could not be a prompt (too long, malformed, spans that do not cover it); null when it can.</summary>
    public static string? CheckContent(string? text, IReadOnlyList<AuthorSpan>? authors)
    {
        if (text is null || authors is null)
        {
            return "The prompt or its authors are missing.";
        }

        if (text.Length > OperationCheck.MaxLength)
        {
            return $"The prompt can be at most {OperationCheck.MaxLength} characters.";
        }

        if (OperationCheck.CheckInsertedText(text) is { } textError)
        {
            return textError;
        }

        try
        {
            AuthoredText.FromSpans(text, authors);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// The edits applied after <paramref name="revision"/>, for a reconnecting client to catch up without a
    /// full snapshot; null when they are no longer all in the history (send a snapshot instead).
    /// </summary>
    public IReadOnlyList<PromptApplied>? EditsSince(long revision)
    {
        if (revision > Revision || revision < OldestBaseRevision)
        {
            return null;
        }

        return _history.Where(applied => applied.Revision > revision).ToList();
    }

    private int LengthAt(long revision) =>
        revision == Revision ? Content.Length : _history.First(applied => applied.Revision == revision + 1).Operation.BaseLength;
}
