using CollabCanvas.Data.Entities;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CollabCanvas.Web.Endpoints;

/// <summary>Account endpoints that are plain form posts rather than pages.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with [FromForm], so the framework validates its antiforgery token.
        app.MapPost("/Account/Logout", Logout);
        return app;
    }

    private static async Task<IResult> Logout(HttpContext http, SignInManager<ApplicationUser> signInManager, [FromForm] string? returnUrl)
    {
        await signInManager.SignOutAsync();
        await http.SignOutAsync(AuthSchemes.Guest);
        var target = string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal)
            ? "/"
            : returnUrl;
        return TypedResults.LocalRedirect(target);
    }
}
