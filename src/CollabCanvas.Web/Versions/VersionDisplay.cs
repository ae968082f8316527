using System.Globalization;

namespace CollabCanvas.Web.Versions;

/// <summary>How versions read on the page, the same in every view (the markup escapes what this returns).</summary>
public static class VersionDisplay
{
    public static string TitleOf(VersionSummary version) => string.IsNullOrEmpty(version.Title) ? "Untitled" : version.Title;

    /// <summary>UTC, to the minute: people in one room may sit in different time zones.</summary>
    public static string TimeOf(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A share as a whole percentage ("67%"), the same in every culture.</summary>
    public static string PercentOf(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(fraction * 100):0}%");

    /// <summary>For a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string MachineTimeOf(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Relative URL of one of the version's files (image.png, recipe.json, thumbnail.png); the page's base is the site root.</summary>
    public static string FileUrl(Guid roomId, Guid versionId, string file) => $"api/rooms/{roomId}/versions/{versionId}/{file}";
}
