using CollabCanvas.Data.Images;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Data.Tests.Images;

public sealed class ImageUploadValidatorTests
{
    private readonly ImageUploadValidator validator = new(Options.Create(new ImageUploadOptions()));

    [Fact]
    public void A_small_png_is_accepted_with_its_size_and_type()
    {
        var png = TestImages.Png(40, 30);

        var result = validator.Validate(png);

        Assert.True(result.IsAccepted, result.Error);
        Assert.Equal(new UploadedImage(png, "image/png", 40, 30) with { Bytes = result.Image.Bytes }, result.Image);
        Assert.Same(png, result.Image.Bytes);
    }

    [Fact]
    public void A_small_jpeg_is_accepted()
    {
        var result = validator.Validate(TestImages.Jpeg(16, 24));

        Assert.True(result.IsAccepted, result.Error);
        Assert.Equal(("image/jpeg", 16, 24), (result.Image.MediaType, result.Image.Width, result.Image.Height));
    }

    [Fact]
    public void A_small_webp_is_accepted()
    {
        var result = validator.Validate(TestImages.Webp(12, 10));

        Assert.True(result.IsAccepted, result.Error);
        Assert.Equal(("image/webp", 12, 10), (result.Image.MediaType, result.Image.Width, result.Image.Height));
    }

    [Fact]
    public void A_png_header_claiming_100000_by_100000_pixels_is_refused_without_decoding()
    {
        // 40 GB of pixels behind a few hundred bytes: decoding it would exhaust memory.
        var bomb = TestImages.PngClaimingSize(100_000, 100_000);

        var result = validator.Validate(bomb);

        Assert.False(result.IsAccepted);
        Assert.Equal("The image is 100000×100000 pixels; the largest accepted is 4096×4096.", result.Error);
    }

    [Theory]
    [InlineData(4097, 16)]
    [InlineData(16, 4097)]
    public void One_pixel_over_the_limit_on_either_side_is_refused(int width, int height)
    {
        var result = validator.Validate(TestImages.Png(width, height));

        Assert.False(result.IsAccepted);
        Assert.Contains("the largest accepted is 4096×4096", result.Error);
    }

    [Fact]
    public void Exactly_4096_pixels_wide_is_accepted()
    {
        var result = validator.Validate(TestImages.Png(4096, 4));

        Assert.True(result.IsAccepted, result.Error);
    }

    [Fact]
    public void A_gif_is_refused_by_name()
    {
        var result = validator.Validate(TestImages.Gif());

        Assert.False(result.IsAccepted);
        Assert.Equal("GIF images are not accepted. Upload a PNG, JPEG or WebP image.", result.Error);
    }

    [Fact]
    public void Random_bytes_are_not_an_image()
    {
        var result = validator.Validate(TestImages.RandomBytes(5000));

        Assert.False(result.IsAccepted);
        Assert.Equal("This file is not an image we can read. Upload a PNG, JPEG or WebP image.", result.Error);
    }

    [Fact]
    public void A_text_file_is_not_an_image_whatever_its_name_says()
    {
        // The validator never sees the name: "notes.png" full of text is judged by its bytes.
        var result = validator.Validate("just some notes, not a picture\n"u8.ToArray());

        Assert.False(result.IsAccepted);
        Assert.Equal("This file is not an image we can read. Upload a PNG, JPEG or WebP image.", result.Error);
    }

    [Fact]
    public void A_png_signature_with_a_broken_header_is_damaged()
    {
        var truncated = TestImages.Png()[..12];

        var result = validator.Validate(truncated);

        Assert.False(result.IsAccepted);
        Assert.StartsWith("This PNG file is damaged", result.Error);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var result = validator.Validate([]);

        Assert.False(result.IsAccepted);
        Assert.StartsWith("The file is empty.", result.Error);
    }

    [Fact]
    public void An_11_MB_file_is_refused_for_its_size()
    {
        var result = validator.Validate(TestImages.RandomBytes(11 * 1024 * 1024));

        Assert.False(result.IsAccepted);
        Assert.Equal("The file is larger than 10 MB. Upload a smaller image.", result.Error);
    }

    [Fact]
    public async Task An_11_MB_stream_of_unknown_length_is_refused_after_reading_little_more_than_the_limit()
    {
        var limit = new ImageUploadOptions().MaxBytes;
        await using var upload = new UnseekableStream(new MemoryStream(TestImages.RandomBytes(11 * 1024 * 1024)));

        var result = await validator.ValidateAsync(upload);

        Assert.False(result.IsAccepted);
        Assert.Contains("larger than 10 MB", result.Error);
        Assert.InRange(upload.BytesRead, limit + 1, limit + 81920);
    }

    [Fact]
    public async Task An_oversized_seekable_stream_is_refused_without_reading_it()
    {
        await using var upload = new MemoryStream(TestImages.RandomBytes(11 * 1024 * 1024));

        var result = await validator.ValidateAsync(upload);

        Assert.False(result.IsAccepted);
        Assert.Equal(0, upload.Position);
    }

    [Fact]
    public async Task A_valid_upload_stream_is_read_whole_and_accepted()
    {
        var png = TestImages.Png(33, 17);
        await using var upload = new UnseekableStream(new MemoryStream(png));

        var result = await validator.ValidateAsync(upload);

        Assert.True(result.IsAccepted, result.Error);
        Assert.Equal(png, result.Image.Bytes);
    }

    [Fact]
    public void Limits_come_from_the_options()
    {
        var strict = new ImageUploadValidator(Options.Create(new ImageUploadOptions { MaxSide = 32 }));

        Assert.True(strict.Validate(TestImages.Png(32, 32)).IsAccepted);
        Assert.False(strict.Validate(TestImages.Png(33, 32)).IsAccepted);
    }

    /// <summary>A request body: no length, no seeking; counts what the validator pulls from it.</summary>
    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
