using System.Security.Claims;
using CollabCanvas.Inference.Protocol;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CollabCanvas.Web.Inference;

/// <summary>
/// <c>POST /connect/token</c>: OpenIddict has already authenticated the client (id and secret against the
/// registered application) and checked its grant and scope permissions; this decides what the token says: the
/// client as subject, the granted scopes, and the workers' audience when the <c>inference</c> scope was granted.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/connect/token";

    public static IEndpointRouteBuilder MapInferenceTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, Issue).DisableAntiforgery().AllowAnonymous();
        return endpoints;
    }

    private static IResult Issue(HttpContext http, IOptions<InferenceTokenOptions> tokens)
    {
        var request = http.GetOpenIddictServerRequest();
        if (request is null || !request.IsClientCredentialsGrantType() || string.IsNullOrEmpty(request.ClientId))
        {
            // OpenIddict refuses other grants before this runs; this is the belt to its braces.
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetScopes(request.GetScopes());
        if (request.HasScope(InferenceHubContract.Scope))
        {
            identity.SetAudiences(tokens.Value.Audience);
        }

        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
