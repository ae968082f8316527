using CollabCanvas.Data;
using CollabCanvas.Data.Entities;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CollabCanvas.Web.Hosting;

/// <summary>
/// Accounts (ASP.NET Core Identity) and guests (a cookie for one room) side by side: a policy scheme
/// reads the account cookie when there is one, else the guest cookie.
/// </summary>
internal static class AuthenticationSetup
{
    public static IServiceCollection AddAccountsAndGuests(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddSingleton<IGuestSessions, CookieGuestSessions>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = AuthSchemes.AccountOrGuest;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(AuthSchemes.AccountOrGuest, "Account or guest", options =>
            {
                options.ForwardDefaultSelector = http =>
                    http.Request.Cookies.ContainsKey(AuthSchemes.AccountCookieName) || !http.Request.Cookies.ContainsKey(AuthSchemes.GuestCookieName)
                        ? IdentityConstants.ApplicationScheme
                        : AuthSchemes.Guest;
            })
            .AddCookie(AuthSchemes.Guest, options =>
            {
                options.Cookie.Name = AuthSchemes.GuestCookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.LoginPath = "/join";
                options.AccessDeniedPath = "/Account/AccessDenied";
                options.Events = ApiFriendlyRedirects();
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.Cookie.Name = AuthSchemes.AccountCookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = "/Account/Login";
                options.LogoutPath = "/Account/Logout";
                options.AccessDeniedPath = "/Account/AccessDenied";
                options.Events = ApiFriendlyRedirects();
            }));

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorization();
        return services;
    }

    /// <summary>API calls get 401/403 instead of a redirect to an HTML page.</summary>
    private static CookieAuthenticationEvents ApiFriendlyRedirects() => new()
    {
        OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
        OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),
    };

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
