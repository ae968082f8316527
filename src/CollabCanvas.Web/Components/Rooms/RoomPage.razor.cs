using CollabCanvas.Rooms;
using CollabCanvas.Web.Components.Rooms.Versions;
using CollabCanvas.Web.Options;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CollabCanvas.Web.Components.Rooms;

/// <summary>
/// A room: its participants and, for Facilitators, invites and room details. A thin view: every change goes
/// through <see cref="RoomService"/>, which enforces the role table on the server whatever this page shows.
/// </summary>
public partial class RoomPage
{
    private RoomActor actor = RoomActor.Anonymous;
    private RoomDetails? room;
    private RoomError? loadError;
    private string? actionError;
    private RoomRole inviteRole = RoomRole.Editor;
    private string? inviteUrl;
    private string? editName;
    private string? editDescription;
    // Counts the room's "versions changed" events; handing it to the panel as a parameter makes it reload.
    private int versionsChanges;

    /// <summary>The room's id, from the URL.</summary>
    [Parameter] public Guid RoomId { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private RoomService Rooms { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IOptions<RoomOptions> Options { get; set; } = default!;

    private bool IsFacilitator => room?.MyRole == RoomRole.Facilitator;

    protected override async Task OnParametersSetAsync()
    {
        actor = AuthenticationState is null ? RoomActor.Anonymous : (await AuthenticationState).User.ToRoomActor();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var result = await Rooms.GetRoomAsync(actor, RoomId);
        room = result.Value;
        loadError = result.Error;
        editName = room?.Name;
        editDescription = room?.Description;
    }

    /// <summary>A Facilitator changed this person's role or removed them: show the room as it now is for them.</summary>
    private async Task AccessChangedAsync(string message)
    {
        await ReloadAsync();
        if (loadError is not null)
        {
            // Removed: the page closes with the reason instead of the policy's generic refusal.
            loadError = loadError with { Message = message };
        }
    }

    /// <summary>Someone saved, retitled or restored a version: the gallery reloads without its Refresh button.</summary>
    private void CountVersionsChange() => versionsChanges++;

    private async Task ChangeRoleAsync(ParticipantView person, RoomRole role)
    {
        var result = await Rooms.ChangeRoleAsync(actor, RoomId, person.MemberId, role);
        await AfterActionAsync(result.Error, $"{person.DisplayName} is now {role}.");
    }

    private async Task RemoveAsync(ParticipantView person)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Remove participant",
            $"Remove {person.DisplayName} from the room? They will not be able to rejoin with the code.",
            yesText: "Remove",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var result = await Rooms.RemoveParticipantAsync(actor, RoomId, person.MemberId);
        await AfterActionAsync(result.Error, $"{person.DisplayName} was removed.");
    }

    private async Task CreateInviteAsync()
    {
        var result = await Rooms.CreateInviteAsync(actor, RoomId, inviteRole);
        inviteUrl = result.Succeeded ? Navigation.ToAbsoluteUri(result.Value!.RelativeUrl).ToString() : null;
        await AfterActionAsync(result.Error, $"Invite link for {inviteRole} created; it is valid for {Options.Value.InviteLifetime.TotalDays:0} days.");
    }

    private async Task RenameAsync()
    {
        var result = await Rooms.RenameRoomAsync(actor, RoomId, editName, editDescription);
        await AfterActionAsync(result.Error, "Room details saved.");
    }

    private async Task AfterActionAsync(RoomError? error, string success)
    {
        actionError = error?.Message;
        if (error is null)
        {
            Snackbar.Add(success, Severity.Success);
        }

        await ReloadAsync();
    }
}
