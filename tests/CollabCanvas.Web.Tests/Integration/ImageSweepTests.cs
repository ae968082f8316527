using CollabCanvas.Data;
using CollabCanvas.Data.Images;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>The app's start-up sweep keeps the images versions name and removes old ones nothing names.</summary>
public sealed class ImageSweepTests
{
    [Fact]
    public async Task At_start_old_unreferenced_images_are_removed_and_referenced_ones_kept()
    {
        using var app = new AppFactory();
        var root = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "images");
        var store = new FileSystemImageStore(
            Microsoft.Extensions.Options.Options.Create(new ImageStoreOptions { RootPath = root }), TimeProvider.System, NullLogger<FileSystemImageStore>.Instance);
        var kept = await store.SaveAsync(Png(10));
        var mask = await store.SaveAsync(Png(20));
        var init = await store.SaveAsync(Png(30));
        var orphan = await store.SaveAsync(Png(200));
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-2)); // well past the grace period
        }

        await SeedVersionNamingAsync(app.DatabasePath, kept.Hash, mask.Hash, init.Hash);

        _ = app.Services; // starts the app; the sweep runs once in the background
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (store.Contains(orphan.Hash) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(store.Contains(orphan.Hash), "the unreferenced image was swept");
        Assert.True(store.Contains(kept.Hash), "the image a version names is kept");
        Assert.True(store.Contains(mask.Hash), "the mask a version names is kept");
        Assert.True(store.Contains(init.Hash), "the init image a version names is kept");
    }

    [Fact]
    public async Task A_rooms_init_image_is_kept_though_no_version_names_it()
    {
        using var app = new AppFactory();
        var root = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "images");
        var store = new FileSystemImageStore(
            Microsoft.Extensions.Options.Options.Create(new ImageStoreOptions { RootPath = root }), TimeProvider.System, NullLogger<FileSystemImageStore>.Instance);
        var initImage = await store.SaveAsync(Png(30));
        var orphan = await store.SaveAsync(Png(60));
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-2));
        }

        await SeedLiveStateNamingAsync(app.DatabasePath, initImage.Hash);

        _ = app.Services;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (store.Contains(orphan.Hash) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(store.Contains(orphan.Hash), "the sweep ran");
        Assert.True(store.Contains(initImage.Hash), "the image a room works from is kept");
    }

    /// <summary>A room's saved live state as EfRoomStateStore writes it (web JSON), naming <paramref name="hash"/> as its init image.</summary>
    private static async Task SeedLiveStateNamingAsync(string databasePath, ImageHash hash)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={databasePath}").Options;
        await using var db = new AppDbContext(options);
        await db.Database.MigrateAsync();
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            prompt = new { revision = 0, text = "", authors = Array.Empty<object>() },
            parameters = new { steps = 20, guidance = 7.5, strength = 0.75, initImageHash = hash.Value },
            strokes = Array.Empty<object>(),
        });
        await db.Database.ExecuteSqlRawAsync(
            "PRAGMA foreign_keys = OFF; INSERT INTO RoomLiveStates (RoomId, Json, UpdatedAt) VALUES ({0}, {1}, 0);",
            Guid.NewGuid(), json);
    }

    private static byte[] Png(byte shade)
    {
        using var image = new Image<Rgba32>(4, 4, new Rgba32(shade, shade, shade, 255));
        using var bytes = new MemoryStream();
        image.SaveAsPng(bytes);
        return bytes.ToArray();
    }

    /// <summary>A database, migrated as the app would, with one version row naming these images (its room is not needed here).</summary>
    private static async Task SeedVersionNamingAsync(string databasePath, ImageHash hash, ImageHash maskHash, ImageHash initHash)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={databasePath}").Options;
        await using var db = new AppDbContext(options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync(
            """
            PRAGMA foreign_keys = OFF;
            INSERT INTO RoomVersions (Id, RoomId, ImageHash, Width, Height, Title, Note, CreatedAt, SavedByMemberId, SavedByName,
                ModelName, Scheduler, Prompt, PromptAuthorsJson, NegativePrompt, NegativePromptAuthorsJson, ParametersJson, StrokesJson, ContributorsJson,
                MaskImageHash, InitImageHash)
            VALUES ({0}, {1}, {2}, 4, 4, '', '', 0, {3}, 'Ada', 'm', 'euler', '', '[]', '', '[]', '{{}}', '[]', '[]', {4}, {5});
            """,
            Guid.NewGuid(), Guid.NewGuid(), hash.Value, Guid.NewGuid(), maskHash.Value, initHash.Value);
    }
}
