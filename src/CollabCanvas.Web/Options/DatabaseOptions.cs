namespace CollabCanvas.Web.Options;

/// <summary>Where the application's data lives (section "Data").</summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    /// <summary>Folder for the SQLite file, data-protection keys and images; relative to the content root.</summary>
    public string Folder { get; set; } = "data";

    /// <summary>Sqlite (default) or Postgres; <c>ConnectionStrings:Default</c> is that provider's connection string.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
