namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// One participant's copy of the prompt (the Jupiter client, as in ot.js): local edits apply at once, at most
/// one edit is in flight to the server, and edits typed meanwhile are composed into a buffer sent after
/// the acknowledgement. Incoming edits of others are transformed against the in-flight edit and the buffer
/// — the same pairs, in the same roles, that the server transforms — so every copy converges on the
/// server's text and authorship. Used by the tests and the programmatic SignalR client; the browser editor
/// mirrors it in JavaScript.
/// <para>Protocol: send each <see cref="PromptEdit"/> returned; pass every broadcast <see cref="PromptApplied"/>
/// to <see cref="Receive"/> in revision order (including this client's own, which acknowledges it).</para>
/// </summary>
public sealed class PromptClient
{
    // The edit as sent (resent unchanged after a reconnect: the server transforms it from its base revision),
    // and the same edit transformed past everything received since, which is what the local text reflects.
    private PromptEdit? _sent;
    private TextOperation? _inFlight;
    private TextOperation? _buffer;

    public PromptClient(Guid author, PromptSnapshot snapshot)
    {
        Author = author;
        Resync(snapshot);
    }

    /// <summary>Who this client types as (the member id).</summary>
    public Guid Author { get; }

    /// <summary>The last server revision this client has seen.</summary>
    public long Revision { get; private set; }

    /// <summary>The local text, including edits the server has not acknowledged yet.</summary>
    public AuthoredText Content { get; private set; } = AuthoredText.Empty;

    public string Text => Content.Text;

    /// <summary>This person's caret or selection; others' edits move it so it stays on the same characters.</summary>
    public TextSelection Selection { get; set; } = TextSelection.Caret(0);

    /// <summary>True while an edit awaits its acknowledgement.</summary>
    public bool HasPending => _sent is not null;

    /// <summary>The in-flight edit as it was sent, to send again after reconnecting (the server applies an edit id once).</summary>
    public PromptEdit? InFlight => _sent;

    /// <summary>
    /// Starts over from a server snapshot (first connect, a missed broadcast, or a refused edit). Edits not yet
    /// acknowledged are dropped: they were made on text the server no longer agrees with.
    /// </summary>
    public void Resync(PromptSnapshot snapshot)
    {
        Content = AuthoredText.FromSpans(snapshot.Text, snapshot.Authors);
        Revision = snapshot.Revision;
        _sent = null;
        _inFlight = null;
        _buffer = null;
        Selection = new TextSelection(Math.Clamp(Selection.Anchor, 0, Content.Length), Math.Clamp(Selection.Head, 0, Content.Length));
    }

    /// <summary>Types <paramref name="text"/> at <paramref name="position"/>; the caret ends after it.</summary>
    public LocalEditResult Insert(int position, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return LocalEditResult.Refused("There is no text to insert.");
        }

        if (position < 0 || position > Content.Length)
        {
            return LocalEditResult.Refused($"Position {position} is outside the prompt (0 to {Content.Length}).");
        }

        return Edit(TextOperation.Insert(Content.Length, position, text));
    }

    /// <summary>Deletes <paramref name="length"/> code units at <paramref name="position"/>.</summary>
    public LocalEditResult Delete(int position, int length)
    {
        if (length <= 0 || position < 0 || position > Content.Length - length)
        {
            return LocalEditResult.Refused($"Cannot delete {length} characters at {position} of a prompt of {Content.Length}.");
        }

        return Edit(TextOperation.Delete(Content.Length, position, length));
    }

    /// <summary>Applies any operation on the local text and queues it for the server.</summary>
    public LocalEditResult Edit(TextOperation operation)
    {
        if (OperationCheck.Check(operation, Content.Text) is { } error)
        {
            return LocalEditResult.Refused(error);
        }

        operation = operation.Normalize();
        Content = Content.Apply(operation, Author);
        Selection = Selection.Transform(operation, CaretBias.MoveAfter);
        if (operation.IsNoOp)
        {
            return new LocalEditResult(true, null, null);
        }

        if (_sent is null)
        {
            return new LocalEditResult(true, null, Send(operation));
        }

        _buffer = _buffer is null ? operation : OperationTransform.Compose(_buffer, operation);
        return new LocalEditResult(true, null, null);
    }

    /// <summary>
    /// Takes a broadcast edit. Returns the next edit to send (the buffer, once the in-flight edit is
    /// acknowledged), or null. A repeat of an older revision is ignored.
    /// </summary>
    /// <exception cref="InvalidOperationException">A revision was skipped: the connection lost a message; resync from a snapshot.</exception>
    public PromptEdit? Receive(PromptApplied applied)
    {
        if (applied.Revision <= Revision)
        {
            return null;
        }

        if (applied.Revision != Revision + 1)
        {
            throw new InvalidOperationException($"Expected revision {Revision + 1} but got {applied.Revision}; resync from a snapshot.");
        }

        Revision = applied.Revision;
        if (_sent is not null && applied.EditId == _sent.EditId)
        {
            return Acknowledge();
        }

        var incoming = applied.Operation;
        if (_inFlight is not null)
        {
            var insertsFirst = OperationTransform.InsertsFirst(Author, applied.Author);
            (_inFlight, incoming) = OperationTransform.Transform(_inFlight, incoming, insertsFirst);
            if (_buffer is not null)
            {
                (_buffer, incoming) = OperationTransform.Transform(_buffer, incoming, insertsFirst);
            }
        }

        Content = Content.Apply(incoming, applied.Author);
        Selection = Selection.Transform(incoming, CaretBias.StayBefore);
        return null;
    }

    private PromptEdit? Acknowledge()
    {
        var next = _buffer;
        _sent = null;
        _inFlight = null;
        _buffer = null;
        return next is null ? null : Send(next);
    }

    private PromptEdit Send(TextOperation operation)
    {
        _sent = new PromptEdit(Guid.NewGuid(), Revision, operation);
        _inFlight = operation;
        return _sent;
    }
}
