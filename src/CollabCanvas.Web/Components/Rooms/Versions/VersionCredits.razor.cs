using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>A version's attribution as a table.</summary>
public partial class VersionCredits
{
    [Parameter, EditorRequired] public VersionDetails Version { get; set; } = default!;

    private static string Roles(VersionContributor person)
    {
        var roles = new List<string>();
        if (person.PromptCharacters > 0 || person.NegativePromptCharacters > 0)
        {
            roles.Add("wrote");
        }

        if (person.MaskStrokes > 0)
        {
            roles.Add("painted");
        }

        if (person.Ran)
        {
            roles.Add("ran");
        }

        if (person.Saved)
        {
            roles.Add("saved");
        }

        return string.Join(", ", roles);
    }
}
