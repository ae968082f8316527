namespace CollabCanvas.Engine.Tokenization;

/// <summary>
/// CLIP's byte-level alphabet (<c>bytes_to_unicode</c> in OpenAI's simple_tokenizer): every UTF-8 byte maps to a
/// printable character so that BPE works on text and never meets whitespace or control characters.
/// Printable Latin-1 bytes map to themselves; the other 68 bytes map to U+0100 and up, in byte order.
/// </summary>
internal static class ByteToUnicode
{
    private static readonly char[] Table = BuildTable();

    public static char Map(byte value) => Table[value];

    private static char[] BuildTable()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= '¡' && b <= '¬') || (b >= '®' && b <= 'ÿ');
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }
}
