using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace CollabCanvas.Rooms;

/// <summary>
/// A room's short join code: six letters from an alphabet without look-alikes (no I, L, O),
/// drawn with a cryptographic generator. 23^6 ≈ 148 million codes; guessing is further slowed by
/// the host's rate limit on join attempts.
/// </summary>
public static class JoinCode
{
    public const int Length = 6;

    /// <summary>The letters a code may contain.</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>
    /// Reads what a person typed: case, spaces and dashes don't matter. Returns false for anything
    /// that cannot be a code, so it never reaches the database.
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }

        Span<char> letters = stackalloc char[Length];
        var count = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (count == Length || !Alphabet.Contains(upper))
            {
                return false;
            }

            letters[count++] = upper;
        }

        if (count != Length)
        {
            return false;
        }

        code = new string(letters);
        return true;
    }
}
