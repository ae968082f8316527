using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace CollabCanvas.Data.Images;

/// <summary>
/// The SHA-256 of an image's bytes, as 64 lowercase hex digits: the image's name in the store.
/// Only values that passed <see cref="TryParse"/> or <see cref="Compute"/> exist, so a hash taken from a URL
/// can never carry a path separator or "..".
/// </summary>
public readonly record struct ImageHash
{
    /// <summary>Hex digits in a SHA-256.</summary>
    public const int Length = 64;

    private readonly string? value;

    private ImageHash(string value) => this.value = value;

    /// <summary>The 64 lowercase hex digits.</summary>
    public string Value => value ?? throw new InvalidOperationException("An ImageHash must come from Compute or TryParse.");

    /// <summary>The hash of <paramref name="bytes"/>.</summary>
    public static ImageHash Compute(ReadOnlySpan<byte> bytes) =>
        new(Convert.ToHexStringLower(SHA256.HashData(bytes)));

    /// <summary>Accepts exactly 64 hex digits (either case; stored lowercase) and nothing else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ImageHash hash)
    {
        hash = default;
        if (text is null || text.Length != Length || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        hash = new ImageHash(text.ToLowerInvariant());
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, for values that must be valid (from our own database).</summary>
    public static ImageHash Parse(string text) =>
        TryParse(text, out var hash) ? hash : throw new FormatException($"'{text}' is not a SHA-256 hex string.");

    public override string ToString() => Value;
}
