using System.Globalization;
using System.Text;
using CollabCanvas.Rooms.Timeline;

namespace CollabCanvas.Web.Export;

/// <summary>The timeline as a readable list (<c>timeline.md</c>); people's words are escaped so they stay words.</summary>
internal static class TimelineMarkdown
{
    public static string Heading(string roomName) => $"# Timeline of {Escape(roomName)}\n\n";

    public static string Line(TimelineEntry entry) =>
        $"- {entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC — {Escape(entry.Text)}\n";

    /// <summary>Backslash-escapes Markdown's punctuation and HTML's angle brackets; line breaks become spaces.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\r' or '\n')
            {
                escaped.Append(' ');
            }
            else if (c is '<')
            {
                escaped.Append("&lt;");
            }
            else if (c is '>')
            {
                escaped.Append("&gt;");
            }
            else if (c is '&')
            {
                escaped.Append("&amp;");
            }
            else
            {
                if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '|' or '!' or '~')
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
