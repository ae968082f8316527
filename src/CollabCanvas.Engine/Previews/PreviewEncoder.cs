using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Schedulers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace CollabCanvas.Engine.Previews;

/// <summary>Turns an RGB tensor in [-1, 1] into preview bytes: optionally enlarged, then PNG, JPEG or WebP.</summary>
public static class PreviewEncoder
{
    public static GenerationPreview Encode(LatentTensor rgb, int upscale, PreviewFormat format, int quality, PreviewKind kind)
    {
        using var image = ImageTensors.ToImage(rgb);
        if (upscale > 1)
        {
            // Nearest keeps the cost negligible and the latent cells honest.
            image.Mutate(context => context.Resize(image.Width * upscale, image.Height * upscale, KnownResamplers.NearestNeighbor));
        }

        var (encoder, contentType) = EncoderFor(format, quality);
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return new GenerationPreview(stream.ToArray(), contentType, image.Width, image.Height, kind);
    }

    private static (IImageEncoder Encoder, string ContentType) EncoderFor(PreviewFormat format, int quality) => format switch
    {
        // Previews are thrown away after a moment: favour encoding speed over size.
        PreviewFormat.Png => (new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed, FilterMethod = PngFilterMethod.Sub }, "image/png"),
        PreviewFormat.Jpeg => (new JpegEncoder { Quality = quality }, "image/jpeg"),
        PreviewFormat.WebP => (new WebpEncoder { Quality = quality, Method = WebpEncodingMethod.Fastest }, "image/webp"),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown preview format"),
    };
}
