using System.Net;
using System.Text.RegularExpressions;

namespace CollabCanvas.Engine.Tokenization;

/// <summary>
/// The text clean-up OpenAI's CLIP tokenizer does before splitting: html unescape (twice, because prompts
/// copied from web pages are often escaped twice), whitespace runs collapsed to one space, trimmed, lower-cased.
/// ftfy's repairs of broken Unicode are not reproduced.
/// </summary>
internal static partial class ClipTextNormalizer
{
    public static string Normalize(string text)
    {
        var unescaped = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text)).Trim();
        var collapsed = WhitespaceRun().Replace(unescaped, " ").Trim();
        return collapsed.ToLowerInvariant();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
