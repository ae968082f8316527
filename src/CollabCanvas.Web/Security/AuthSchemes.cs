namespace CollabCanvas.Web.Security;

/// <summary>Names of the authentication schemes and cookies of the app.</summary>
public static class AuthSchemes
{
    /// <summary>Picks the account cookie when present, else the guest cookie (see <see cref="AuthenticationSetup"/>).</summary>
    public const string AccountOrGuest = "AccountOrGuest";

    /// <summary>A guest of one room, with no account.</summary>
    public const string Guest = "Guest";

    public const string GuestCookieName = ".CollabCanvas.Guest";

    public const string AccountCookieName = ".CollabCanvas.Account";
}
