using System.Buffers.Binary;
using CollabCanvas.Data.Provenance.Png;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace CollabCanvas.Data.Tests;

/// <summary>Small encoded images made on the fly, and crafted ones no encoder would produce.</summary>
internal static class TestImages
{
    public static byte[] Png(int width = 8, int height = 8, byte seed = 0) =>
        Encode(width, height, seed, (image, stream) => image.SaveAsPng(stream, new PngEncoder()));

    public static byte[] Jpeg(int width = 8, int height = 8) =>
        Encode(width, height, 0, (image, stream) => image.SaveAsJpeg(stream, new JpegEncoder()));

    public static byte[] Gif(int width = 8, int height = 8) =>
        Encode(width, height, 0, (image, stream) => image.SaveAsGif(stream, new GifEncoder()));

    public static byte[] Webp(int width = 8, int height = 8) =>
        Encode(width, height, 0, (image, stream) => image.SaveAsWebp(stream, new WebpEncoder()));

    /// <summary>A real small PNG whose IHDR is rewritten (with a valid CRC) to claim another size: a decompression bomb's header.</summary>
    public static byte[] PngClaimingSize(int width, int height)
    {
        var chunks = PngChunkReader.ReadChunks(Png(4, 4)).ToList();
        var header = chunks[0].Data.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        chunks[0] = chunks[0] with { Data = header };
        return PngChunkWriter.Write(chunks);
    }

    public static byte[] RandomBytes(int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Encode(int width, int height, byte seed, Action<Image<Rgba32>, Stream> save)
    {
        using var image = new Image<Rgba32>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 7 + seed), (byte)(y * 13), (byte)(x ^ y), 255);
            }
        }

        using var stream = new MemoryStream();
        save(image, stream);
        return stream.ToArray();
    }
}
