using System.ComponentModel.DataAnnotations;

namespace CollabCanvas.Web.Options;

/// <summary>Limits on attempts that an attacker would repeat (section "RateLimits"), per client address.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Log-in and registration form posts per window.</summary>
    [Range(1, 10_000)]
    public int LoginPermitsPerWindow { get; set; } = 10;

    /// <summary>Join-by-code form posts per window (slows down guessing codes).</summary>
    [Range(1, 10_000)]
    public int JoinPermitsPerWindow { get; set; } = 20;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}
