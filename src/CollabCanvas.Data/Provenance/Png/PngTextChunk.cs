using System.IO.Compression;
using System.Text;

namespace CollabCanvas.Data.Provenance.Png;

/// <summary>
/// A keyword and its text, as PNG stores them in tEXt (Latin-1), zTXt (Latin-1, compressed) or iTXt (UTF-8,
/// optionally compressed) chunks.
/// </summary>
public sealed record PngTextChunk(string Keyword, string Text)
{
    /// <summary>A compressed text larger than this is refused rather than inflated (a zip bomb in a text chunk).</summary>
    public const int MaxInflatedBytes = 8 * 1024 * 1024;

    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>
    /// The chunk PIL writes for <c>PngInfo.add_text</c>, which is what AUTOMATIC1111 uses: tEXt when the text is
    /// Latin-1, else an uncompressed iTXt (a prompt with emoji or CJK cannot go in tEXt).
    /// </summary>
    public PngChunk ToChunk() => IsLatin1(Text) ? ToTextChunk() : ToInternationalChunk();

    /// <summary>An uncompressed iTXt chunk with empty language tag and translated keyword (the form XMP requires).</summary>
    public PngChunk ToInternationalChunk()
    {
        var output = new List<byte>();
        output.AddRange(KeywordBytes());
        output.AddRange([0, 0, 0]); // keyword terminator, compression flag 0, compression method 0
        output.Add(0); // empty language tag
        output.Add(0); // empty translated keyword
        output.AddRange(Encoding.UTF8.GetBytes(CheckText(Text)));
        return new PngChunk("iTXt", output.ToArray());
    }

    private PngChunk ToTextChunk()
    {
        var output = new List<byte>();
        output.AddRange(KeywordBytes());
        output.Add(0);
        output.AddRange(Latin1.GetBytes(CheckText(Text)));
        return new PngChunk("tEXt", output.ToArray());
    }

    /// <summary>Reads a tEXt, zTXt or iTXt chunk; null for any other chunk type.</summary>
    /// <exception cref="InvalidPngException">The text chunk is malformed.</exception>
    public static PngTextChunk? FromChunk(PngChunk chunk)
    {
        var data = chunk.Data.Span;
        return chunk.Type switch
        {
            "tEXt" => ReadText(data),
            "zTXt" => ReadCompressedText(data),
            "iTXt" => ReadInternationalText(data),
            _ => null,
        };
    }

    private static PngTextChunk ReadText(ReadOnlySpan<byte> data)
    {
        var keyword = ReadKeyword(data, out var rest);
        return new PngTextChunk(keyword, Latin1.GetString(rest));
    }

    private static PngTextChunk ReadCompressedText(ReadOnlySpan<byte> data)
    {
        var keyword = ReadKeyword(data, out var rest);
        if (rest.IsEmpty || rest[0] != 0)
        {
            throw new InvalidPngException($"zTXt '{keyword}' uses an unknown compression method.");
        }

        return new PngTextChunk(keyword, Latin1.GetString(Inflate(rest[1..], keyword)));
    }

    private static PngTextChunk ReadInternationalText(ReadOnlySpan<byte> data)
    {
        var keyword = ReadKeyword(data, out var rest);
        if (rest.Length < 2)
        {
            throw new InvalidPngException($"iTXt '{keyword}' is truncated.");
        }

        var compressed = rest[0] == 1;
        if (rest[0] > 1 || rest[1] != 0)
        {
            throw new InvalidPngException($"iTXt '{keyword}' uses an unknown compression flag or method.");
        }

        rest = rest[2..];
        var languageEnd = rest.IndexOf((byte)0);
        if (languageEnd < 0)
        {
            throw new InvalidPngException($"iTXt '{keyword}' has no language tag terminator.");
        }

        rest = rest[(languageEnd + 1)..];
        var translatedEnd = rest.IndexOf((byte)0);
        if (translatedEnd < 0)
        {
            throw new InvalidPngException($"iTXt '{keyword}' has no translated keyword terminator.");
        }

        rest = rest[(translatedEnd + 1)..];
        var text = compressed ? Inflate(rest, keyword) : rest.ToArray();
        return new PngTextChunk(keyword, Encoding.UTF8.GetString(text));
    }

    private static string ReadKeyword(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> rest)
    {
        var end = data.IndexOf((byte)0);
        if (end is < 1 or > 79)
        {
            throw new InvalidPngException("A text chunk's keyword is missing, unterminated or longer than 79 bytes.");
        }

        rest = data[(end + 1)..];
        return Latin1.GetString(data[..end]);
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, string keyword)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > MaxInflatedBytes)
                {
                    throw new InvalidPngException($"Text chunk '{keyword}' inflates past {MaxInflatedBytes} bytes.");
                }
            }
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidPngException($"Text chunk '{keyword}' is not valid zlib data: {exception.Message}");
        }

        return output.ToArray();
    }

    /// <summary>PNG keywords: 1 to 79 printable Latin-1 characters, no leading, trailing or double spaces.</summary>
    private byte[] KeywordBytes()
    {
        if (Keyword.Length is < 1 or > 79 || !IsLatin1(Keyword) || Keyword.Any(c => c < 0x20 || c is > '~' and < '\u00A1')
            || Keyword.StartsWith(' ') || Keyword.EndsWith(' ') || Keyword.Contains("  ", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{Keyword}' is not a valid PNG text keyword.");
        }

        return Latin1.GetBytes(Keyword);
    }

    private static string CheckText(string text) =>
        text.Contains('\0') ? throw new ArgumentException("PNG text cannot contain a NUL character.") : text;

    private static bool IsLatin1(string text) => text.All(c => c <= '\u00FF');
}
