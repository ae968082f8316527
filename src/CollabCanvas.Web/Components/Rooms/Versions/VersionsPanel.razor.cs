using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Versions;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>
/// The room's saved versions as a tree, the save form for those who may save, one version opened beside the tree
/// (recipe, credits, title and note, restore) or two compared. Everything goes through <see cref="VersionService"/>,
/// which checks the role again: what this panel hides is a courtesy, what the service refuses is shown as a message.
/// </summary>
public partial class VersionsPanel
{
    private RoomActor actor = RoomActor.Anonymous;
    private IReadOnlyList<VersionSummary> versions = [];
    private readonly List<Guid> picked = [];
    private VersionDetails? opened;
    private VersionComparison? comparison;
    private string? error;

    /// <summary>The room whose versions are shown.</summary>
    [Parameter, EditorRequired] public Guid RoomId { get; set; }

    /// <summary>The viewer's role in the room; decides which controls are shown.</summary>
    [Parameter, EditorRequired] public RoomRole MyRole { get; set; }

    /// <summary>The viewer's membership, to know which versions they saved (and may retitle).</summary>
    [Parameter, EditorRequired] public Guid MyMemberId { get; set; }

    /// <summary>
    /// How many times the room said its versions changed (someone else saved, retitled or restored one): a new value
    /// reloads the list, so a new version shows without pressing Refresh. The version open beside the tree is left as
    /// it is, so a form being edited here is not reset under the person typing.
    /// </summary>
    [Parameter] public int ChangeCount { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private VersionService Versions { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool CanSave => RoomPolicy.Allows(MyRole, RoomAction.SaveVersion);

    private bool CanRestore => RoomPolicy.Allows(MyRole, RoomAction.RestoreVersion);

    private string LayoutClass => opened is not null || comparison is not null ? "cc-versions-layout cc-versions-split mt-3" : "cc-versions-layout mt-3";

    private bool CanEdit(VersionDetails version) => VersionNoteRule.MayEdit(MyRole, MyMemberId, version.SavedByMemberId);

    protected override async Task OnParametersSetAsync()
    {
        actor = AuthenticationState is null ? RoomActor.Anonymous : (await AuthenticationState).User.ToRoomActor();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var result = await Versions.ListAsync(actor, RoomId);
        versions = result.Value ?? [];
        error = result.Error?.Message;
        // Picks of versions no longer listed would make a comparison that cannot load.
        picked.RemoveAll(id => versions.All(version => version.Id != id));
    }

    private Task OnSavedAsync(VersionDetails saved) => ReloadAsync();

    private async Task OpenAsync(Guid versionId)
    {
        var result = await Versions.GetAsync(actor, RoomId, versionId);
        error = result.Error?.Message;
        if (result.Succeeded)
        {
            opened = result.Value;
            comparison = null;
        }
    }

    private void TogglePick(Guid versionId)
    {
        if (!picked.Remove(versionId))
        {
            picked.Add(versionId);
            if (picked.Count > 2)
            {
                // A third pick replaces the earliest, so the last two picks are always the ones compared.
                picked.RemoveAt(0);
            }
        }
    }

    private async Task CompareAsync()
    {
        if (picked.Count != 2)
        {
            return;
        }

        var first = await Versions.GetAsync(actor, RoomId, picked[0]);
        var second = await Versions.GetAsync(actor, RoomId, picked[1]);
        error = first.Error?.Message ?? second.Error?.Message;
        if (first.Succeeded && second.Succeeded)
        {
            // Older on the left, so the diff reads as what changed from one to the next.
            var (before, after) = first.Value!.Summary.CreatedAt <= second.Value!.Summary.CreatedAt ? (first.Value, second.Value) : (second.Value, first.Value);
            comparison = VersionComparison.Of(before, after);
            opened = null;
        }
    }

    private async Task<RoomResult<VersionDetails>> SaveEditAsync(string title, string note)
    {
        var result = await Versions.EditTitleNoteAsync(actor, RoomId, opened!.Summary.Id, title, note);
        if (result.Succeeded)
        {
            opened = result.Value;
            Snackbar.Add("Title and note saved.", Severity.Success);
            await ReloadAsync();
            // Called as a plain delegate by the form, not as an event of this panel: redraw the tree and the title here.
            StateHasChanged();
        }

        return result;
    }

    /// <summary>Puts the open version's recipe back into the room; everyone's editors follow from the room's event.</summary>
    private async Task<RoomResult<VersionDetails>> RestoreAsync()
    {
        var version = opened!;
        var result = await Versions.RestoreAsync(actor, RoomId, version.Summary.Id, CancellationToken.None);
        if (result.Succeeded)
        {
            Snackbar.Add($"Restored “{VersionDisplay.TitleOf(version.Summary)}” into the room.", Severity.Success);
        }

        return result;
    }

    private void Close()
    {
        opened = null;
        comparison = null;
    }
}
