using CollabCanvas.Data.Images;
using SixLabors.ImageSharp;

namespace CollabCanvas.Data.Tests.Images;

public sealed class FileSystemImageStoreTests
{
    [Fact]
    public async Task An_image_is_stored_under_its_hash_in_a_folder_named_by_the_first_two_digits()
    {
        using var fixture = new ImageStoreFixture();
        var png = TestImages.Png();

        var stored = await fixture.Store.SaveAsync(png);

        var hash = ImageHash.Compute(png).Value;
        Assert.Equal(hash, stored.Hash.Value);
        Assert.False(stored.AlreadyStored);
        Assert.Equal(png.Length, stored.Length);
        var expectedPath = Path.Combine(fixture.Root, hash[..2], hash + ".png");
        Assert.Equal([expectedPath], fixture.AllFiles());
        Assert.Equal(png, await File.ReadAllBytesAsync(expectedPath));
    }

    [Fact]
    public async Task Saving_the_same_bytes_again_writes_nothing()
    {
        using var fixture = new ImageStoreFixture();
        var png = TestImages.Png();
        var first = await fixture.Store.SaveAsync(png);
        var path = fixture.AllFiles().Single();
        var writtenAt = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, writtenAt.AddMinutes(-5));

        var second = await fixture.Store.SaveAsync(png);

        Assert.Equal(first.Hash, second.Hash);
        Assert.True(second.AlreadyStored);
        Assert.Equal(writtenAt.AddMinutes(-5), File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task Concurrent_saves_of_the_same_image_leave_one_complete_file_and_no_temp_files()
    {
        using var fixture = new ImageStoreFixture();
        var png = TestImages.Png(64, 64);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => fixture.Store.SaveAsync(png))));

        Assert.Single(results.Select(r => r.Hash).Distinct());
        Assert.Single(results, r => !r.AlreadyStored);
        var file = Assert.Single(fixture.AllFiles());
        Assert.Equal(png, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task A_stored_image_reads_back_byte_for_byte()
    {
        using var fixture = new ImageStoreFixture();
        var png = TestImages.Png(seed: 3);
        var stored = await fixture.Store.SaveAsync(png);

        await using var stream = await fixture.Store.OpenReadAsync(stored.Hash);

        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
        Assert.True(fixture.Store.Contains(stored.Hash));
    }

    [Fact]
    public async Task An_unknown_hash_reads_as_null()
    {
        using var fixture = new ImageStoreFixture();
        var missing = ImageHash.Compute([1, 2, 3]);

        Assert.Null(await fixture.Store.OpenReadAsync(missing));
        Assert.Null(await fixture.Store.OpenThumbnailAsync(missing));
        Assert.False(fixture.Store.Contains(missing));
    }

    [Fact]
    public async Task Bytes_that_are_not_a_png_are_refused()
    {
        using var fixture = new ImageStoreFixture();

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.SaveAsync(TestImages.Jpeg()));
        Assert.Empty(fixture.AllFiles());
    }

    [Fact]
    public async Task A_cancelled_save_leaves_neither_the_image_nor_a_temp_file()
    {
        using var fixture = new ImageStoreFixture();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Store.SaveAsync(TestImages.Png(), cancelled.Token));

        Assert.Empty(fixture.AllFiles());
    }

    [Fact]
    public async Task A_thumbnail_fits_the_requested_side_keeps_the_aspect_ratio_and_is_stored_beside_the_image()
    {
        using var fixture = new ImageStoreFixture();
        var stored = await fixture.Store.SaveAsync(TestImages.Png(200, 100));

        await using (var thumbnail = await fixture.Store.OpenThumbnailAsync(stored.Hash, 50))
        {
            Assert.NotNull(thumbnail);
            var info = Image.Identify(thumbnail);
            Assert.Equal((50, 25), (info.Width, info.Height));
        }

        var expected = Path.Combine(fixture.Root, stored.Hash.Value[..2], $"{stored.Hash.Value}-thumb-50.png");
        Assert.Contains(expected, fixture.AllFiles());
    }

    [Fact]
    public async Task A_thumbnail_is_made_once_and_then_served_from_disk()
    {
        using var fixture = new ImageStoreFixture();
        var stored = await fixture.Store.SaveAsync(TestImages.Png(200, 100));
        (await fixture.Store.OpenThumbnailAsync(stored.Hash))!.Dispose();
        var thumbnailPath = fixture.AllFiles().Single(f => f.Contains("-thumb-64", StringComparison.Ordinal));
        var madeAt = File.GetLastWriteTimeUtc(thumbnailPath).AddMinutes(-5);
        File.SetLastWriteTimeUtc(thumbnailPath, madeAt);

        await using var again = await fixture.Store.OpenThumbnailAsync(stored.Hash);

        Assert.NotNull(again);
        Assert.Equal(madeAt, File.GetLastWriteTimeUtc(thumbnailPath));
        Assert.Equal(2, fixture.AllFiles().Length);
    }

    [Fact]
    public async Task A_small_image_is_not_enlarged_into_its_thumbnail()
    {
        using var fixture = new ImageStoreFixture();
        var stored = await fixture.Store.SaveAsync(TestImages.Png(20, 10));

        await using var thumbnail = await fixture.Store.OpenThumbnailAsync(stored.Hash, 64);

        var info = Image.Identify(thumbnail!);
        Assert.Equal((20, 10), (info.Width, info.Height));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(4096)]
    public async Task Thumbnail_sizes_outside_16_to_2048_are_refused(int side)
    {
        using var fixture = new ImageStoreFixture();
        var stored = await fixture.Store.SaveAsync(TestImages.Png());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Store.OpenThumbnailAsync(stored.Hash, side));
    }
}
