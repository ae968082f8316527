namespace CollabCanvas.Web.Options;

/// <summary>Where diffusion models are found (section "Models").</summary>
public sealed class ModelsOptions
{
    public const string SectionName = "Models";

    /// <summary>Folder holding one sub-folder per model; relative to the content root.</summary>
    public string Path { get; set; } = "models";
}
