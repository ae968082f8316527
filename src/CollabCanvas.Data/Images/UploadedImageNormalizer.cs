using System.Buffers.Binary;
using CollabCanvas.Data.Provenance.Png;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace CollabCanvas.Data.Images;

/// <summary>
/// Turns an upload that passed <see cref="ImageUploadValidator"/> into the PNG the image store keeps. Only now are
/// pixels decoded, which is bounded: the validator has read the size from the header and refused anything over the
/// limit. Damage the header cannot show (a PNG cut short, a broken chunk) is found here, and animated WebP is
/// refused before decoding because each frame would cost a whole image's memory. Re-encoding also drops metadata
/// (camera EXIF, GPS) that the person may not mean to share with the room.
/// </summary>
public static class UploadedImageNormalizer
{
    private const string AcceptedFormatsHint = "Upload a PNG, JPEG or WebP image.";

    public static ImageUploadResult ToPng(UploadedImage upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.MediaType == "image/png")
        {
            try
            {
                PngChunkReader.ReadChunks(upload.Bytes);
            }
            catch (InvalidPngException damage)
            {
                return ImageUploadResult.Rejected($"This PNG file is damaged: {damage.Message} {AcceptedFormatsHint}");
            }
        }

        if (upload.MediaType == "image/webp" && IsAnimatedWebp(upload.Bytes))
        {
            return ImageUploadResult.Rejected($"Animated WebP images are not accepted. {AcceptedFormatsHint}");
        }

        try
        {
            using var image = Image.Load<Rgba32>(upload.Bytes);
            if (image.Width != upload.Width || image.Height != upload.Height)
            {
                return ImageUploadResult.Rejected($"This file is damaged: its header and its pixels disagree on its size. {AcceptedFormatsHint}");
            }

            // Phones store portraits sideways with an EXIF turn; apply it before the EXIF goes.
            image.Mutate(context => context.AutoOrient());
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IccProfile = null;
            using var png = new MemoryStream();
            image.SaveAsPng(png, new PngEncoder());
            return ImageUploadResult.Accepted(new UploadedImage(png.ToArray(), "image/png", image.Width, image.Height));
        }
        catch (Exception exception) when (exception is ImageFormatException or InvalidDataException or ArgumentException or EndOfStreamException or NotSupportedException)
        {
            return ImageUploadResult.Rejected($"This file is damaged: its pixels cannot be read. {AcceptedFormatsHint}");
        }
    }

    /// <summary>Walks the RIFF chunks of a WebP file looking for animation frames (ANIM/ANMF).</summary>
    private static bool IsAnimatedWebp(ReadOnlySpan<byte> webp)
    {
        var offset = 12; // "RIFF", size, "WEBP"
        while (offset + 8 <= webp.Length)
        {
            var fourCc = webp.Slice(offset, 4);
            if (fourCc.SequenceEqual("ANIM"u8) || fourCc.SequenceEqual("ANMF"u8))
            {
                return true;
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp[(offset + 4)..]);
            if (size > (uint)(webp.Length - offset - 8))
            {
                return false; // truncated: the decoder reports it
            }

            offset += 8 + (int)size + (int)(size & 1);
        }

        return false;
    }
}
