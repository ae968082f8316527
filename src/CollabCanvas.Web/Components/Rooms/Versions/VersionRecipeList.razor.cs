using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>Model and fingerprint, scheduler, steps, guidance, size, strength, seed, mask and timing of a version.</summary>
public partial class VersionRecipeList
{
    [Parameter, EditorRequired] public VersionDetails Version { get; set; } = default!;
}
