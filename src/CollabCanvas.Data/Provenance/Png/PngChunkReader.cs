using System.Buffers.Binary;
using System.Text;

namespace CollabCanvas.Data.Provenance.Png;

/// <summary>
/// Splits a PNG file into its chunks without decoding any pixels, checking the signature, every length and every
/// CRC, and that IHDR comes first and IEND last.
/// </summary>
public static class PngChunkReader
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <exception cref="InvalidPngException">The file is not a well-formed PNG.</exception>
    public static IReadOnlyList<PngChunk> ReadChunks(ReadOnlyMemory<byte> png)
    {
        var bytes = png.Span;
        if (!bytes.StartsWith(Signature))
        {
            throw new InvalidPngException("The file does not start with the PNG signature.");
        }

        var chunks = new List<PngChunk>();
        var offset = Signature.Length;
        while (offset < bytes.Length)
        {
            // length (4) + type (4) + data (length) + CRC (4)
            if (bytes.Length - offset < 12)
            {
                throw new InvalidPngException($"Truncated chunk header at byte {offset}.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[offset..]);
            if (length > int.MaxValue || length > (uint)(bytes.Length - offset - 12))
            {
                throw new InvalidPngException($"Chunk at byte {offset} declares {length} bytes, more than the file holds.");
            }

            var typeBytes = bytes.Slice(offset + 4, 4);
            if (!IsValidType(typeBytes))
            {
                throw new InvalidPngException($"Chunk at byte {offset} has an invalid type.");
            }

            var type = Encoding.ASCII.GetString(typeBytes);
            var data = png.Slice(offset + 8, (int)length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(bytes[(offset + 8 + (int)length)..]);
            if (storedCrc != Crc32.Compute(typeBytes, data.Span))
            {
                throw new InvalidPngException($"Chunk {type} at byte {offset} fails its CRC check.");
            }

            if (chunks.Count == 0 && type != "IHDR")
            {
                throw new InvalidPngException($"The first chunk is {type}, not IHDR.");
            }

            chunks.Add(new PngChunk(type, data));
            offset += 12 + (int)length;
            if (type == "IEND")
            {
                break;
            }
        }

        if (chunks.Count == 0 || chunks[^1].Type != "IEND")
        {
            throw new InvalidPngException("The file ends without an IEND chunk.");
        }

        if (offset != bytes.Length)
        {
            throw new InvalidPngException($"{bytes.Length - offset} byte(s) follow the IEND chunk.");
        }

        return chunks;
    }

    /// <summary>Chunk types are four ASCII letters.</summary>
    private static bool IsValidType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
