using System.Security.Claims;
using CollabCanvas.Data.Entities;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Rooms;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Security;

/// <summary>
/// Re-checks a connected circuit's person every few minutes: an account whose security stamp
/// changed (password reset, deletion) or a guest whose membership was removed is signed out of the circuit.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var actor = authenticationState.User.ToRoomActor();
        return actor.Kind switch
        {
            ActorKind.Guest => await scope.ServiceProvider.GetRequiredService<RoomService>()
                .IsActiveGuestAsync(actor.GuestMemberId!.Value, cancellationToken),
            ActorKind.Account => await IsCurrentAccountAsync(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), authenticationState.User),
            _ => true,
        };
    }

    private async Task<bool> IsCurrentAccountAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }
}
