using System.Collections.Immutable;

namespace CollabCanvas.Data.Provenance.Png;

/// <summary>The CRC-32 PNG puts after every chunk (ISO 3309, polynomial 0xEDB88320, as in zlib).</summary>
internal static class Crc32
{
    private static readonly ImmutableArray<uint> Table = BuildTable();

    /// <summary>The CRC of <paramref name="first"/> followed by <paramref name="second"/> (a chunk's type, then its data).</summary>
    public static uint Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var crc = 0xFFFFFFFFu;
        crc = Update(crc, first);
        crc = Update(crc, second);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = Table[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        }

        return crc;
    }

    private static ImmutableArray<uint> BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return [.. table];
    }
}
