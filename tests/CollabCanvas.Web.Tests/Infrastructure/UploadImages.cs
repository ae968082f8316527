using System.Buffers.Binary;
using System.Net.Http.Headers;
using CollabCanvas.Data.Provenance.Png;
using CollabCanvas.Web.Endpoints;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace CollabCanvas.Web.Tests.Infrastructure;

/// <summary>Files people might upload as an init image, good and bad, and the multipart request that carries one.</summary>
public static class UploadImages
{
    public static byte[] Png(int width = 16, int height = 12, byte shade = 90) => Encode(width, height, shade, (image, stream) => image.SaveAsPng(stream));

    public static byte[] Jpeg(int width = 16, int height = 12) => Encode(width, height, 90, (image, stream) => image.SaveAsJpeg(stream));

    public static byte[] Gif() => Encode(8, 8, 90, (image, stream) => image.SaveAsGif(stream));

    /// <summary>A real small PNG whose header (with a valid CRC) claims another size: a decompression bomb's header.</summary>
    public static byte[] PngClaimingSize(int width, int height)
    {
        var chunks = PngChunkReader.ReadChunks(Png(4, 4)).ToList();
        var header = chunks[0].Data.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        chunks[0] = chunks[0] with { Data = header };
        return PngChunkWriter.Write(chunks);
    }

    /// <summary>A PNG cut off in the middle of its pixel data: the header is fine, the pixels are not all there.</summary>
    public static byte[] TruncatedPng()
    {
        var whole = Png(64, 64);
        return whole[..(whole.Length * 2 / 3)];
    }

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    /// <summary>An upload as the API expects it: multipart/form-data with one file, and the anti-forgery header.</summary>
    public static HttpRequestMessage UploadRequest(Guid roomId, byte[] file, string fileName = "picture.png", bool withHeader = true)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/rooms/{roomId}/init-image") { Content = content };
        if (withHeader)
        {
            request.Headers.Add(InitImageApi.RequiredHeader, "test");
        }

        return request;
    }

    private static byte[] Encode(int width, int height, byte shade, Action<Image<Rgba32>, Stream> save)
    {
        using var image = new Image<Rgba32>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgba32((byte)(shade + x * 3), (byte)(y * 11), (byte)(x ^ y), 255);
            }
        }

        using var stream = new MemoryStream();
        save(image, stream);
        return stream.ToArray();
    }
}
