using System.Globalization;
using System.Security.Cryptography;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Rooms;

/// <summary>
/// Invite links carry the room and the role, signed and time-limited by ASP.NET Core Data Protection,
/// so no table of invites is needed and a link cannot be edited to a higher role.
/// </summary>
public sealed class InviteTokens(IDataProtectionProvider provider, IOptions<RoomOptions> options, TimeProvider time)
{
    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("CollabCanvas.RoomInvites.v1").ToTimeLimitedDataProtector();

    public (string Token, DateTimeOffset ExpiresAt) Create(Guid roomId, RoomRole role)
    {
        var expiresAt = time.GetUtcNow().Add(options.Value.InviteLifetime);
        var token = _protector.Protect($"{roomId:N}:{(int)role}", expiresAt);
        return (token, expiresAt);
    }

    /// <summary>Reads a token; null when it was tampered with, expired, or is not a token at all.</summary>
    public Invite? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1024)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token, out _).Split(':');
            return parts.Length == 2
                && Guid.TryParseExact(parts[0], "N", out var roomId)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var role)
                && Enum.IsDefined((RoomRole)role)
                ? new Invite(roomId, (RoomRole)role)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
