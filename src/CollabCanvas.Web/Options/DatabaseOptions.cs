namespace CollabCanvas.Web.Options;

/// <summary>Where the application's data lives (section "Data").</summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    /// <summary>Folder for the SQLite file, data-protection keys and, later, images; relative to the content root.</summary>
    public string Folder { get; set; } = "data";
}
