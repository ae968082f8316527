using Microsoft.AspNetCore.Identity;

namespace CollabCanvas.Data.Entities;

/// <summary>A person with an account. Guests have no row here.</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>The name shown to others in rooms.</summary>
    public string DisplayName { get; set; } = "";
}
