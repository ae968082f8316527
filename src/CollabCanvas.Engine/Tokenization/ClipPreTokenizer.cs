using System.Text.RegularExpressions;

namespace CollabCanvas.Engine.Tokenization;

/// <summary>
/// Splits normalized text into the words BPE works on, with CLIP's pattern: the two special tokens whole,
/// English contractions, runs of letters, single digits (so numbers are spelled digit by digit),
/// and runs of anything else that is not whitespace.
/// </summary>
internal static partial class ClipPreTokenizer
{
    public static IEnumerable<string> Split(string normalizedText)
    {
        foreach (Match match in WordPattern().Matches(normalizedText))
        {
            yield return match.Value;
        }
    }

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
