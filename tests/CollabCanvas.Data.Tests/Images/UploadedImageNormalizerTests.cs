using CollabCanvas.Data.Images;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;

namespace CollabCanvas.Data.Tests.Images;

/// <summary>What happens to an upload after the header checks: damage found, PNG out, metadata gone.</summary>
public sealed class UploadedImageNormalizerTests
{
    private readonly ImageUploadValidator validator = new(Options.Create(new ImageUploadOptions()));

    private UploadedImage Validated(byte[] bytes)
    {
        var result = validator.Validate(bytes);
        Assert.True(result.IsAccepted, result.Error);
        return result.Image;
    }

    [Fact]
    public void A_jpeg_becomes_a_png_of_the_same_size()
    {
        var result = UploadedImageNormalizer.ToPng(Validated(TestImages.Jpeg(16, 24)));

        Assert.True(result.IsAccepted, result.Error);
        Assert.Equal(("image/png", 16, 24), (result.Image.MediaType, result.Image.Width, result.Image.Height));
        Assert.Equal(PngFormat(), Image.DetectFormat(result.Image.Bytes));
    }

    [Fact]
    public void A_webp_becomes_a_png()
    {
        var result = UploadedImageNormalizer.ToPng(Validated(TestImages.Webp(12, 10)));

        Assert.True(result.IsAccepted, result.Error);
        Assert.Equal(PngFormat(), Image.DetectFormat(result.Image.Bytes));
    }

    [Fact]
    public void A_png_cut_short_passes_the_header_check_but_not_this_one()
    {
        var whole = TestImages.Png(64, 64);
        var truncated = whole[..(whole.Length * 2 / 3)];

        var result = UploadedImageNormalizer.ToPng(Validated(truncated)); // its header is intact

        Assert.False(result.IsAccepted);
        Assert.StartsWith("This PNG file is damaged", result.Error);
        Assert.EndsWith("Upload a PNG, JPEG or WebP image.", result.Error);
    }

    [Fact]
    public void The_pixels_survive()
    {
        var png = TestImages.Png(5, 4, seed: 9);

        var result = UploadedImageNormalizer.ToPng(Validated(png));

        using var before = Image.Load<SixLabors.ImageSharp.PixelFormats.Rgba32>(png);
        using var after = Image.Load<SixLabors.ImageSharp.PixelFormats.Rgba32>(result.Image!.Bytes);
        Assert.Equal(before[3, 2], after[3, 2]);
    }

    private static SixLabors.ImageSharp.Formats.IImageFormat PngFormat() => SixLabors.ImageSharp.Formats.Png.PngFormat.Instance;
}
