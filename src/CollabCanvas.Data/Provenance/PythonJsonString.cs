using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CollabCanvas.Data.Provenance;

/// <summary>
/// AUTOMATIC1111's <c>quote</c>/<c>unquote</c> for infotext values: a value holding a comma, colon or newline is
/// written as Python's <c>json.dumps(value, ensure_ascii=False)</c> would, so it cannot be mistaken for the next
/// "Key: value" pair; other values are written bare.
/// </summary>
internal static class PythonJsonString
{
    public static string QuoteIfNeeded(string value) =>
        value.Contains(',') || value.Contains('\n') || value.Contains(':') ? Quote(value) : value;

    /// <summary>Python's json.dumps with ensure_ascii=False: only quote, backslash and control characters are escaped.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '\b' => builder.Append("\\b"),
                '\f' => builder.Append("\\f"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A1111's unquote: a value in double quotes is decoded as a JSON string; anything else, or bad JSON, is kept as is.</summary>
    public static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(text) ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
