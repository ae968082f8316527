using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>A contributor as a coloured chip.</summary>
public partial class ContributorChip
{
    /// <summary>The person and their credits.</summary>
    [Parameter, EditorRequired] public VersionContributor Contributor { get; set; } = default!;

    private string CreditText => Describe(Contributor);

    /// <summary>What the person did ("Ada: wrote 67% of the prompt, painted 2 mask strokes, ran the generation").</summary>
    public static string Describe(VersionContributor contributor)
    {
        var parts = new List<string>();
        if (contributor.PromptCharacters > 0)
        {
            parts.Add($"wrote {VersionDisplay.PercentOf(contributor.PromptShare)} of the prompt");
        }

        if (contributor.NegativePromptCharacters > 0)
        {
            parts.Add("wrote in the negative prompt");
        }

        if (contributor.MaskStrokes > 0)
        {
            parts.Add(contributor.MaskStrokes == 1 ? "painted 1 mask stroke" : $"painted {contributor.MaskStrokes} mask strokes");
        }

        if (contributor.Ran)
        {
            parts.Add("ran the generation");
        }

        if (contributor.Saved)
        {
            parts.Add("saved it");
        }

        return $"{contributor.Name}: {string.Join(", ", parts)}";
    }
}
