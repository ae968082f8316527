namespace CollabCanvas.Web.Security;

/// <summary>Claim types of our own.</summary>
public static class AppClaims
{
    /// <summary>The name shown to others (accounts: their profile name; guests: what they typed).</summary>
    public const string DisplayName = "cc:display_name";

    /// <summary>A guest's membership id; the guest exists only as that membership.</summary>
    public const string GuestMemberId = "cc:guest_member";

    /// <summary>The one room a guest belongs to.</summary>
    public const string GuestRoomId = "cc:guest_room";
}
