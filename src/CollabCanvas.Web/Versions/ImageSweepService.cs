using CollabCanvas.Data;
using CollabCanvas.Data.Images;
using CollabCanvas.Data.Rooms;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Web.Versions;

/// <summary>
/// Once at start-up (after migrations, which Program runs before the host starts): removes the partial files of
/// saves a crash interrupted and images that neither a version (as its image, mask or init image) nor a room's saved
/// live state (its init image) names. A save in progress is safe: its image is younger than the store's grace period
/// until its row commits.
/// </summary>
internal sealed class ImageSweepService(IDbContextFactory<AppDbContext> dbFactory, IImageStore images, ILogger<ImageSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        // A version names its image, and also the mask and init image its run used: all three must stay.
        var rows = await db.RoomVersions.AsNoTracking()
            .Select(version => new { version.ImageHash, version.MaskImageHash, version.InitImageHash })
            .ToListAsync(stoppingToken);
        var referenced = rows
            .SelectMany(row => new[] { row.ImageHash, row.MaskImageHash, row.InitImageHash })
            .OfType<string>()
            .Select(ImageHash.Parse)
            .ToHashSet();
        referenced.UnionWith(await LiveStateImageReferences.ListAsync(db, stoppingToken));
        var swept = await images.SweepAsync(referenced, stoppingToken);
        logger.LogInformation(
            "Image store sweep: {TempFiles} partial file(s), {Orphans} unreferenced image(s), {Thumbnails} thumbnail(s) removed; {Referenced} image(s) in use",
            swept.TempFilesDeleted, swept.OrphanImagesDeleted, swept.ThumbnailsDeleted, referenced.Count);
    }
}
