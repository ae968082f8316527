using CollabCanvas.Web.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Security;

/// <summary>Signs a guest in to the one room they joined (a cookie of the guest scheme).</summary>
public interface IGuestSessions
{
    Task SignInAsync(HttpContext httpContext, Guid memberId, Guid roomId, string displayName);
}

internal sealed class CookieGuestSessions(IOptions<RoomOptions> options) : IGuestSessions
{
    public Task SignInAsync(HttpContext httpContext, Guid memberId, Guid roomId, string displayName) =>
        httpContext.SignInAsync(
            AuthSchemes.Guest,
            RoomActorClaims.CreateGuestPrincipal(memberId, roomId, displayName),
            new AuthenticationProperties
            {
                IsPersistent = true,
                ExpiresUtc = DateTimeOffset.UtcNow.Add(options.Value.GuestSessionLifetime),
            });
}
