using System.Text.RegularExpressions;

namespace CollabCanvas.Web.Versions;

/// <summary>Whether a piece of text is in both versions, only the first (removed) or only the second (added).</summary>
public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>A run of text with one <see cref="DiffKind"/>.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>
/// A word-level diff of two prompts: words, runs of spaces and single punctuation marks are the units, so
/// "red fox, snow" → "red cat, snow" marks only "fox"/"cat". Longest common subsequence after trimming the common
/// start and end; concatenating the pieces that are not <see cref="DiffKind.Added"/> gives the first text back,
/// and those not <see cref="DiffKind.Removed"/> the second.
/// </summary>
public static partial class WordDiff
{
    /// <summary>
    /// Above this many table cells (the changed middles' token counts multiplied) the middle is shown as replaced
    /// whole: prompts are at most 2000 characters, so only pathological input gets here, and a diff must not cost
    /// a circuit tens of megabytes.
    /// </summary>
    public const int MaxCells = 1_000_000;

    public static IReadOnlyList<DiffPiece> Compute(string before, string after)
    {
        var a = Tokens(before);
        var b = Tokens(after);
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var pieces = new List<DiffPiece>();
        Add(pieces, DiffKind.Same, a.Take(prefix));
        var middleA = a.Skip(prefix).Take(a.Count - prefix - suffix).ToList();
        var middleB = b.Skip(prefix).Take(b.Count - prefix - suffix).ToList();
        if ((long)middleA.Count * middleB.Count > MaxCells)
        {
            Add(pieces, DiffKind.Removed, middleA);
            Add(pieces, DiffKind.Added, middleB);
        }
        else
        {
            Middle(pieces, middleA, middleB);
        }

        Add(pieces, DiffKind.Same, a.Skip(a.Count - suffix));
        return pieces;
    }

    /// <summary>Longest common subsequence by dynamic programming, read forwards; removals before additions in a change.</summary>
    private static void Middle(List<DiffPiece> pieces, List<string> a, List<string> b)
    {
        // lcs[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y])
            {
                Add(pieces, DiffKind.Same, [a[x++]]);
                y++;
            }
            else if (x < a.Count && (y == b.Count || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                Add(pieces, DiffKind.Removed, [a[x++]]);
            }
            else
            {
                Add(pieces, DiffKind.Added, [b[y++]]);
            }
        }
    }

    /// <summary>Appends tokens, merging with the last piece when it has the same kind.</summary>
    private static void Add(List<DiffPiece> pieces, DiffKind kind, IEnumerable<string> tokens)
    {
        var text = string.Concat(tokens);
        if (text.Length == 0)
        {
            return;
        }

        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffPiece(kind, text));
        }
    }

    private static List<string> Tokens(string text) => Token().Matches(text).Select(match => match.Value).ToList();

    // Surrogate pairs (emoji) stay whole: \p{Cs} pairs are matched together by the last alternative.
    [GeneratedRegex(@"[\p{L}\p{M}\p{N}_]+|\s+|\p{Cs}{2}|.", RegexOptions.Singleline)]
    private static partial Regex Token();
}
