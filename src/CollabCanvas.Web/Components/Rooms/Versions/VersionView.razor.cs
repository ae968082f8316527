using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>
/// A saved version in full. What the viewer may do (edit the title and note, restore) is decided by the panel from
/// the role table and checked again by the version service; this view only draws and reports the outcome.
/// </summary>
public partial class VersionView
{
    private Guid shownVersion;
    private string? restoreMessage;
    private bool restoreFailed;
    private bool restoring;

    [Parameter, EditorRequired] public VersionDetails Version { get; set; } = default!;

    [Parameter, EditorRequired] public Guid RoomId { get; set; }

    /// <summary>Whether to show the title and note form (the saver or a Facilitator).</summary>
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Whether to show Restore (Editors and Facilitators).</summary>
    [Parameter] public bool CanRestore { get; set; }

    [Parameter, EditorRequired] public Func<string, string, Task<RoomResult<VersionDetails>>> OnSaveEdit { get; set; } = default!;

    /// <summary>Puts this version's recipe back into the room.</summary>
    [Parameter] public Func<Task<RoomResult<VersionDetails>>>? OnRestore { get; set; }

    [Parameter] public EventCallback OnClose { get; set; }

    protected override void OnParametersSet()
    {
        if (shownVersion != Version.Summary.Id)
        {
            shownVersion = Version.Summary.Id;
            restoreMessage = null;
        }
    }

    private async Task RestoreAsync()
    {
        restoring = true;
        restoreMessage = null;
        try
        {
            var result = await OnRestore!();
            restoreFailed = !result.Succeeded;
            restoreMessage = result.Succeeded
                ? $"Restored: the room's prompt, negative prompt and recipe are now those of “{VersionDisplay.TitleOf(Version.Summary)}”."
                : result.Error!.Message;
        }
        finally
        {
            restoring = false;
        }
    }
}
