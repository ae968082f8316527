using CollabCanvas.Data.Images;

namespace CollabCanvas.Data.Tests.Images;

public sealed class ImageStoreSweepTests
{
    [Fact]
    public async Task Partial_files_of_interrupted_writes_are_deleted()
    {
        using var fixture = new ImageStoreFixture();
        var kept = await fixture.Store.SaveAsync(TestImages.Png());
        // What a process killed between creating the temp file and renaming it leaves behind.
        var partial = Path.Combine(fixture.Root, "ab", new string('a', 64) + ".png.0123456789abcdef0123456789abcdef.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await File.WriteAllBytesAsync(partial, TestImages.Png()[..20]);

        var result = await fixture.Store.SweepAsync(new HashSet<ImageHash> { kept.Hash });

        Assert.Equal(new ImageStoreSweepResult(1, 0, 0), result);
        Assert.False(File.Exists(partial));
        Assert.True(fixture.Store.Contains(kept.Hash));
    }

    [Fact]
    public async Task Unreferenced_images_older_than_the_grace_period_go_with_their_thumbnails()
    {
        using var fixture = new ImageStoreFixture(orphanGracePeriod: TimeSpan.FromMinutes(10));
        var orphan = await fixture.Store.SaveAsync(TestImages.Png(seed: 1));
        (await fixture.Store.OpenThumbnailAsync(orphan.Hash))!.Dispose();
        MakeOld(fixture, orphan.Hash, TimeSpan.FromMinutes(11));

        var result = await fixture.Store.SweepAsync(new HashSet<ImageHash>());

        Assert.Equal(new ImageStoreSweepResult(0, 1, 1), result);
        Assert.False(fixture.Store.Contains(orphan.Hash));
        Assert.Empty(fixture.AllFiles());
    }

    [Fact]
    public async Task Young_unreferenced_images_are_kept_because_their_database_row_may_be_committing()
    {
        using var fixture = new ImageStoreFixture(orphanGracePeriod: TimeSpan.FromMinutes(10));
        var young = await fixture.Store.SaveAsync(TestImages.Png(seed: 1));
        MakeOld(fixture, young.Hash, TimeSpan.FromMinutes(9));

        var result = await fixture.Store.SweepAsync(new HashSet<ImageHash>());

        Assert.Equal(new ImageStoreSweepResult(0, 0, 0), result);
        Assert.True(fixture.Store.Contains(young.Hash));
    }

    [Fact]
    public async Task Referenced_images_are_kept_however_old()
    {
        using var fixture = new ImageStoreFixture(orphanGracePeriod: TimeSpan.FromMinutes(10));
        var referenced = await fixture.Store.SaveAsync(TestImages.Png(seed: 1));
        var orphan = await fixture.Store.SaveAsync(TestImages.Png(seed: 2));
        MakeOld(fixture, referenced.Hash, TimeSpan.FromDays(400));
        MakeOld(fixture, orphan.Hash, TimeSpan.FromDays(400));

        await fixture.Store.SweepAsync(new HashSet<ImageHash> { referenced.Hash });

        Assert.True(fixture.Store.Contains(referenced.Hash));
        Assert.False(fixture.Store.Contains(orphan.Hash));
    }

    [Fact]
    public async Task Files_the_store_did_not_name_are_left_alone()
    {
        using var fixture = new ImageStoreFixture(orphanGracePeriod: TimeSpan.Zero);
        Directory.CreateDirectory(Path.Combine(fixture.Root, "ab"));
        var strangers = new[]
        {
            Path.Combine(fixture.Root, "ab", "README.txt"),
            Path.Combine(fixture.Root, "ab", "holiday.png"),
            Path.Combine(fixture.Root, "ab", new string('A', 64) + ".png"), // upper case: never written by the store
        };
        foreach (var path in strangers)
        {
            await File.WriteAllTextAsync(path, "not ours");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-30));
        }

        var result = await fixture.Store.SweepAsync(new HashSet<ImageHash>());

        Assert.Equal(new ImageStoreSweepResult(0, 0, 0), result);
        Assert.All(strangers, path => Assert.True(File.Exists(path)));
    }

    [Fact]
    public async Task A_store_that_was_never_written_sweeps_to_nothing()
    {
        using var fixture = new ImageStoreFixture();

        var result = await fixture.Store.SweepAsync(new HashSet<ImageHash>());

        Assert.Equal(new ImageStoreSweepResult(0, 0, 0), result);
    }

    private static void MakeOld(ImageStoreFixture fixture, ImageHash hash, TimeSpan age)
    {
        foreach (var path in fixture.AllFiles().Where(p => Path.GetFileName(p).StartsWith(hash.Value, StringComparison.Ordinal)))
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        }
    }
}
