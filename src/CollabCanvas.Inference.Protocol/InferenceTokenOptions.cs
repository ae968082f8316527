using System.ComponentModel.DataAnnotations;

namespace CollabCanvas.Inference.Protocol;

/// <summary>
/// What the token authority (the web app) and the workers agree on, bound by both from the <c>InferenceTokens</c>
/// section: access tokens are JWTs signed with <see cref="SigningKey"/> and encrypted with <see cref="EncryptionKey"/>
/// (both symmetric, shared through configuration), so a worker validates them locally, without calling the authority.
/// </summary>
public sealed class InferenceTokenOptions
{
    public const string SectionName = "InferenceTokens";

    /// <summary>The authority's issuer URI (the <c>iss</c> claim); workers refuse tokens of any other issuer.</summary>
    [Required]
    public Uri Issuer { get; set; } = new("http://localhost:5000/");

    /// <summary>The audience (resource) tokens are issued for; a worker refuses tokens meant for another audience.</summary>
    [Required, MinLength(1)]
    public string Audience { get; set; } = "collabcanvas-inference";

    /// <summary>Base64 of at least 32 random bytes (HMAC-SHA256 signing key). Keep it secret: it can mint tokens.</summary>
    [Required]
    public string SigningKey { get; set; } = "";

    /// <summary>Base64 of exactly 32 random bytes (AES-256 key the tokens are encrypted with).</summary>
    [Required]
    public string EncryptionKey { get; set; } = "";

    /// <summary>How long an access token is valid. Workers refuse expired tokens and close connections they opened.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The signing key's bytes; a clear exception when the setting is missing or malformed.</summary>
    public byte[] SigningKeyBytes() => Decode(SigningKey, nameof(SigningKey), minimumBytes: 32, exactBytes: null);

    /// <summary>The encryption key's bytes (AES-256: 32 bytes).</summary>
    public byte[] EncryptionKeyBytes() => Decode(EncryptionKey, nameof(EncryptionKey), minimumBytes: 32, exactBytes: 32);

    private static byte[] Decode(string value, string name, int minimumBytes, int? exactBytes)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{SectionName}:{name} is not base64; generate one with `openssl rand -base64 32`.");
        }

        if (bytes.Length < minimumBytes || (exactBytes is { } exact && bytes.Length != exact))
        {
            throw new InvalidOperationException(
                $"{SectionName}:{name} must be {(exactBytes is null ? "at least " : "")}{minimumBytes} bytes (base64); it is {bytes.Length}. Generate one with `openssl rand -base64 32`.");
        }

        return bytes;
    }
}
