using System.Buffers.Binary;
using System.Text;

namespace CollabCanvas.Data.Provenance.Png;

/// <summary>Writes a PNG file from chunks: the signature, then length, type, data and CRC for each.</summary>
public static class PngChunkWriter
{
    public static byte[] Write(IEnumerable<PngChunk> chunks)
    {
        using var output = new MemoryStream();
        output.Write(PngChunkReader.Signature);
        Span<byte> word = stackalloc byte[4];
        foreach (var chunk in chunks)
        {
            var type = Encoding.ASCII.GetBytes(chunk.Type);
            if (type.Length != 4)
            {
                throw new ArgumentException($"'{chunk.Type}' is not a four-letter chunk type.", nameof(chunks));
            }

            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)chunk.Data.Length);
            output.Write(word);
            output.Write(type);
            output.Write(chunk.Data.Span);
            BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(type, chunk.Data.Span));
            output.Write(word);
        }

        return output.ToArray();
    }
}
