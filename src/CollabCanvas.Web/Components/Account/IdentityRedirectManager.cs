using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Account;

/// <summary>Redirects after a form post, refusing anything that would leave this site (open redirects).</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri)
    {
        navigationManager.NavigateTo(ToLocal(uri));
    }

    /// <summary>A relative URI on this site, or the start page.</summary>
    public static string ToLocal(string? uri)
    {
        uri ??= "";
        return !Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.StartsWith("//", StringComparison.Ordinal) || uri.StartsWith("/\\", StringComparison.Ordinal)
            ? "/"
            : uri;
    }
}
