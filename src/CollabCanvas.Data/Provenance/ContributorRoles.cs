namespace CollabCanvas.Data.Provenance;

/// <summary>What a person did for a version; one person often has several roles.</summary>
[Flags]
public enum ContributorRoles
{
    None = 0,

    /// <summary>Wrote part of the prompt or negative prompt.</summary>
    PromptWriter = 1,

    /// <summary>Painted part of the inpainting mask.</summary>
    MaskPainter = 2,

    /// <summary>Started the generation that made the image.</summary>
    Runner = 4,

    /// <summary>Saved the image as a version.</summary>
    Saver = 8,
}
