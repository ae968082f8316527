using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Processing;

namespace CollabCanvas.Data.Images;

/// <summary>Scales an image down to a PNG thumbnail, without the original's metadata (a gallery tile needs no recipe).</summary>
internal static class ThumbnailRenderer
{
    public static async Task<byte[]> RenderAsync(Stream source, int maxSide, CancellationToken cancellationToken)
    {
        using var image = await Image.LoadAsync(source, cancellationToken);
        if (image.Width > maxSide || image.Height > maxSide)
        {
            image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(maxSide, maxSide) }));
        }

        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IccProfile = null;
        image.Metadata.GetPngMetadata().TextData.Clear();

        using var output = new MemoryStream();
        await image.SaveAsPngAsync(output, new PngEncoder { CompressionLevel = PngCompressionLevel.BestCompression }, cancellationToken);
        return output.ToArray();
    }
}
