using System.Globalization;
using System.Text;

namespace CollabCanvas.Web.Export;

/// <summary>File names inside and of the export: ASCII only, so every unzip tool on every system agrees on them.</summary>
internal static class ExportNames
{
    private const int MaxSlugLength = 40;

    /// <summary>"Fox at dawn!" → "fox-at-dawn"; accents lose their marks; nothing usable → "untitled".</summary>
    public static string Slug(string? text)
    {
        var slug = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterOrDigit(lower))
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= MaxSlugLength)
            {
                break;
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "untitled" : result;
    }

    /// <summary><c>versions/07-fox-at-dawn-&lt;id&gt;</c> (add .png or .json); numbers are padded so names sort in saving order.</summary>
    public static string VersionStem(int number, int count, string title, Guid id)
    {
        var digits = Math.Max(2, count.ToString(CultureInfo.InvariantCulture).Length);
        return $"versions/{number.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')}-{Slug(title)}-{id:N}";
    }

    public static string ZipFile(string roomName, DateTimeOffset at) =>
        $"{Slug(roomName)}-session-{at.UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.zip";
}
