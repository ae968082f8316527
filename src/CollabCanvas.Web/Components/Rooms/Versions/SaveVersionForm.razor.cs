using CollabCanvas.Rooms;
using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>
/// Saves the room's current result as a version, with an optional title. Shown to Editors and Facilitators; the
/// service checks the role again, so hiding it is a courtesy, not the rule.
/// </summary>
public partial class SaveVersionForm
{
    private string? title;
    private string? error;
    private bool saving;

    /// <summary>The room whose last result is saved.</summary>
    [Parameter, EditorRequired] public Guid RoomId { get; set; }

    /// <summary>Who is saving (the signed-in person or guest of this circuit).</summary>
    [Parameter, EditorRequired] public RoomActor Actor { get; set; } = RoomActor.Anonymous;

    /// <summary>Raised with the new version once it is saved, so the gallery can show it.</summary>
    [Parameter] public EventCallback<VersionDetails> Saved { get; set; }

    [Inject] private VersionService Versions { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private async Task SaveAsync()
    {
        saving = true;
        error = null;
        try
        {
            var result = await Versions.SaveAsync(Actor, RoomId, title);
            if (!result.Succeeded)
            {
                error = result.Error!.Message;
                return;
            }

            title = null;
            Snackbar.Add("Version saved.", Severity.Success);
            await Saved.InvokeAsync(result.Value!);
        }
        finally
        {
            saving = false;
        }
    }
}
