using System.Security.Claims;
using CollabCanvas.Rooms;

namespace CollabCanvas.Web.Security;

/// <summary>Turns the host's <see cref="ClaimsPrincipal"/> into the host-independent <see cref="RoomActor"/>.</summary>
public static class RoomActorClaims
{
    public static RoomActor ToRoomActor(this ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return RoomActor.Anonymous;
        }

        var displayName = principal.FindFirstValue(AppClaims.DisplayName) ?? principal.Identity.Name ?? "";
        if (Guid.TryParse(principal.FindFirstValue(AppClaims.GuestMemberId), out var memberId)
            && Guid.TryParse(principal.FindFirstValue(AppClaims.GuestRoomId), out var roomId))
        {
            return RoomActor.Guest(memberId, roomId, displayName);
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return string.IsNullOrEmpty(userId) ? RoomActor.Anonymous : RoomActor.Account(userId, displayName);
    }

    /// <summary>The principal a guest's cookie carries.</summary>
    public static ClaimsPrincipal CreateGuestPrincipal(Guid memberId, Guid roomId, string displayName) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, $"guest:{memberId:N}"),
                new Claim(ClaimTypes.Name, displayName),
                new Claim(AppClaims.DisplayName, displayName),
                new Claim(AppClaims.GuestMemberId, memberId.ToString("N")),
                new Claim(AppClaims.GuestRoomId, roomId.ToString("N")),
            ],
            AuthSchemes.Guest));
}
