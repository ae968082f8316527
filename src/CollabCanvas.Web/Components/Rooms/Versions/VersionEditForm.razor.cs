using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>
/// Edits a version's title and note. The form is shown to those the rule allows, but the service decides: a
/// refusal or an invalid text comes back as a message under the form.
/// </summary>
public partial class VersionEditForm
{
    private Guid shownVersion;
    private string? title;
    private string? note;
    private string? error;
    private bool saving;

    [Parameter, EditorRequired] public VersionDetails Version { get; set; } = default!;

    /// <summary>Sends the new title and note (the panel calls the version service).</summary>
    [Parameter, EditorRequired] public Func<string, string, Task<RoomResult<VersionDetails>>> OnSave { get; set; } = default!;

    protected override void OnParametersSet()
    {
        // Keep what the person is typing across re-renders; start over only for another version.
        if (shownVersion != Version.Summary.Id)
        {
            shownVersion = Version.Summary.Id;
            title = Version.Summary.Title;
            note = Version.Note;
            error = null;
        }
    }

    private async Task SaveAsync()
    {
        saving = true;
        error = null;
        try
        {
            var result = await OnSave(title ?? "", note ?? "");
            if (!result.Succeeded)
            {
                error = result.Error!.Message;
                return;
            }

            title = result.Value!.Summary.Title;
            note = result.Value.Note;
        }
        finally
        {
            saving = false;
        }
    }
}
