namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// Text in which every UTF-16 code unit remembers who typed it. Immutable: applying an operation returns a
/// new value, so a refused edit can never leave it half-changed. Both halves of a surrogate pair always
/// carry the same author because operations never split a pair (<see cref="OperationCheck"/>).
/// </summary>
public sealed class AuthoredText
{
    private readonly Guid[] _authors;

    private AuthoredText(string text, Guid[] authors)
    {
        Text = text;
        _authors = authors;
    }

    public static AuthoredText Empty { get; } = new("", []);

    public string Text { get; }

    public int Length => Text.Length;

    /// <summary>Who typed the code unit at <paramref name="index"/>.</summary>
    public Guid AuthorAt(int index) => _authors[index];

    /// <summary>Rebuilds text from a snapshot; the spans must cover the text exactly, in order.</summary>
    /// <exception cref="ArgumentException">The spans do not match the text (a corrupt snapshot, not a person's mistake).</exception>
    public static AuthoredText FromSpans(string text, IReadOnlyList<AuthorSpan> spans)
    {
        var authors = new Guid[text.Length];
        var next = 0;
        foreach (var span in spans)
        {
            if (span.Start != next || span.Length <= 0 || span.Start + span.Length > text.Length)
            {
                throw new ArgumentException("Authorship spans must cover the text in order without gaps.", nameof(spans));
            }

            authors.AsSpan(span.Start, span.Length).Fill(span.Author);
            next += span.Length;
        }

        if (next != text.Length)
        {
            throw new ArgumentException("Authorship spans must cover the whole text.", nameof(spans));
        }

        return new AuthoredText(text, authors);
    }

    /// <summary>Applies an operation whose inserts were typed by <paramref name="author"/>. The operation must be valid here.</summary>
    public AuthoredText Apply(TextOperation operation, Guid author)
    {
        if (operation.BaseLength != Length)
        {
            throw new ArgumentException($"The operation applies to {operation.BaseLength} code units, the text has {Length}.", nameof(operation));
        }

        var text = new System.Text.StringBuilder(operation.TargetLength);
        var authors = new Guid[operation.TargetLength];
        var source = 0;
        foreach (var step in operation.Steps)
        {
            switch (step.Kind)
            {
                case EditKind.Retain:
                    text.Append(Text, source, step.Count);
                    _authors.AsSpan(source, step.Count).CopyTo(authors.AsSpan(text.Length - step.Count));
                    source += step.Count;
                    break;
                case EditKind.Insert:
                    authors.AsSpan(text.Length, step.Text!.Length).Fill(author);
                    text.Append(step.Text);
                    break;
                default:
                    source += step.Count;
                    break;
            }
        }

        return new AuthoredText(text.ToString(), authors);
    }

    /// <summary>Runs of one author, in text order.</summary>
    public IReadOnlyList<AuthorSpan> Spans()
    {
        var spans = new List<AuthorSpan>();
        var start = 0;
        for (var i = 1; i <= _authors.Length; i++)
        {
            if (i == _authors.Length || _authors[i] != _authors[start])
            {
                spans.Add(new AuthorSpan(_authors[start], start, i - start));
                start = i;
            }
        }

        return spans;
    }

    /// <summary>Each author's share of the characters, largest first (ties by author id, so the order is stable).</summary>
    public IReadOnlyList<AuthorShare> Shares()
    {
        var counts = new Dictionary<Guid, int>();
        var total = 0;
        for (var i = 0; i < Text.Length; i++)
        {
            // The low half of a surrogate pair belongs to the character its high half started.
            if (char.IsLowSurrogate(Text[i]) && i > 0 && char.IsHighSurrogate(Text[i - 1]))
            {
                continue;
            }

            counts[_authors[i]] = counts.GetValueOrDefault(_authors[i]) + 1;
            total++;
        }

        return counts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key)
            .Select(pair => new AuthorShare(pair.Key, pair.Value, (double)pair.Value / total))
            .ToList();
    }
}
