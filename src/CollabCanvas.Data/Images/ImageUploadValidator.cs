using System.Globalization;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace CollabCanvas.Data.Images;

/// <summary>
/// Checks an uploaded init image before anything decodes it: size in bytes, format from the magic bytes, and width
/// and height from the header (ImageSharp's Identify reads headers only). A 50 KB PNG can declare 100000×100000
/// pixels, which would need 40 GB to decode; it is refused here. A person's mistake is a result with a message,
/// never an exception.
/// </summary>
public sealed class ImageUploadValidator(IOptions<ImageUploadOptions> options)
{
    private const string AcceptedFormatsHint = "Upload a PNG, JPEG or WebP image.";

    private static readonly IReadOnlyList<IImageFormat> AcceptedFormats = [PngFormat.Instance, JpegFormat.Instance, WebpFormat.Instance];

    private readonly ImageUploadOptions limits = options.Value;

    /// <summary>Reads at most one byte past the limit from <paramref name="upload"/>, then checks what was read.</summary>
    public async Task<ImageUploadResult> ValidateAsync(Stream upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.CanSeek && upload.Length - upload.Position > limits.MaxBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limits.MaxBytes)
            {
                return TooLarge();
            }
        }

        return Validate(buffer.ToArray());
    }

    /// <summary>Checks bytes already in memory.</summary>
    public ImageUploadResult Validate(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            return ImageUploadResult.Rejected($"The file is empty. {AcceptedFormatsHint}");
        }

        if (bytes.Length > limits.MaxBytes)
        {
            return TooLarge();
        }

        var format = Image.DetectFormat(bytes);
        if (format is null)
        {
            return ImageUploadResult.Rejected($"This file is not an image we can read. {AcceptedFormatsHint}");
        }

        if (!AcceptedFormats.Contains(format))
        {
            return ImageUploadResult.Rejected($"{format.Name} images are not accepted. {AcceptedFormatsHint}");
        }

        IImageInfo? info;
        try
        {
            info = Image.Identify(bytes);
        }
        catch (Exception exception) when (exception is ImageFormatException or InvalidDataException or ArgumentException)
        {
            info = null;
        }

        if (info is null || info.Width <= 0 || info.Height <= 0)
        {
            return ImageUploadResult.Rejected($"This {format.Name} file is damaged: its header cannot be read. {AcceptedFormatsHint}");
        }

        if (info.Width > limits.MaxSide || info.Height > limits.MaxSide)
        {
            return ImageUploadResult.Rejected(string.Create(CultureInfo.InvariantCulture,
                $"The image is {info.Width}×{info.Height} pixels; the largest accepted is {limits.MaxSide}×{limits.MaxSide}."));
        }

        return ImageUploadResult.Accepted(new UploadedImage(bytes, format.DefaultMimeType, info.Width, info.Height));
    }

    private ImageUploadResult TooLarge() => ImageUploadResult.Rejected(string.Create(CultureInfo.InvariantCulture,
        $"The file is larger than {limits.MaxBytes / (1024 * 1024)} MB. Upload a smaller image."));
}
