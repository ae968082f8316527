using CollabCanvas.Rooms;
using CollabCanvas.Web.Components.Account;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace CollabCanvas.Web.Components.Rooms;

/// <summary>
/// The join-by-code form. Every input is checked with the rules of the rooms project and shown next to its
/// field; a guest is signed in for that room only and sent to it.
/// </summary>
public partial class JoinForm
{
    private EditContext editContext = default!;
    private ValidationMessageStore messages = default!;
    private RoomRole? invitedRole;

    [Inject] private RoomService Rooms { get; set; } = default!;

    [Inject] private InviteTokens Invites { get; set; } = default!;

    [Inject] private IGuestSessions GuestSessions { get; set; } = default!;

    [Inject] private IdentityRedirectManager RedirectManager { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    /// <summary>A code to pre-fill (from a link such as /join/KXQMTR).</summary>
    [Parameter] public string? InitialCode { get; set; }

    /// <summary>An invite token from an invite link; it sets the role on joining.</summary>
    [Parameter] public string? InviteToken { get; set; }

    [SupplyParameterFromForm(FormName = "join")]
    private JoinInput Input { get; set; } = default!;

    private RoomActor actor = RoomActor.Anonymous;

    private bool IsAccount => actor.Kind == ActorKind.Account;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new JoinInput { Code = InitialCode, InviteToken = InviteToken };
        editContext = new EditContext(Input);
        messages = new ValidationMessageStore(editContext);
        actor = AuthenticationState is null ? RoomActor.Anonymous : (await AuthenticationState).User.ToRoomActor();
        invitedRole = Invites.Read(Input.InviteToken)?.Role;
    }

    private async Task JoinAsync()
    {
        messages.Clear();
        if (!JoinCode.TryNormalize(Input.Code, out _))
        {
            messages.Add(editContext.Field(nameof(JoinInput.Code)), string.IsNullOrWhiteSpace(Input.Code)
                ? "Enter the room's join code."
                : $"A join code is {JoinCode.Length} letters, like KXQMTR.");
        }

        if (!IsAccount && DisplayNames.CheckPersonName(Input.DisplayName) is { IsValid: false, Error: var nameError })
        {
            messages.Add(editContext.Field(nameof(JoinInput.DisplayName)), nameError!);
        }

        if (editContext.GetValidationMessages().Any())
        {
            editContext.NotifyValidationStateChanged();
            return;
        }

        var result = await Rooms.JoinAsync(actor, new JoinRequest(Input.Code, Input.DisplayName, Input.InviteToken));
        if (!result.Succeeded)
        {
            if (result.Error!.Field == "DisplayName")
            {
                messages.Add(editContext.Field(nameof(JoinInput.DisplayName)), result.Error.Message);
            }
            else
            {
                messages.Add(editContext.Field(nameof(JoinInput.Code)), result.Error.Message);
            }

            editContext.NotifyValidationStateChanged();
            return;
        }

        var joined = result.Value!;
        if (joined.IsGuest)
        {
            if (HttpContext is null)
            {
                messages.Add(editContext.Field(nameof(JoinInput.Code)), "Joining as a guest needs a page reload; please submit the form again.");
                editContext.NotifyValidationStateChanged();
                return;
            }

            await GuestSessions.SignInAsync(HttpContext, joined.MemberId, joined.RoomId, joined.DisplayName);
        }

        RedirectManager.RedirectTo($"rooms/{joined.RoomId}");
    }

    /// <summary>The posted form.</summary>
    internal sealed class JoinInput
    {
        public string? Code { get; set; }

        public string? DisplayName { get; set; }

        public string? InviteToken { get; set; }
    }
}
