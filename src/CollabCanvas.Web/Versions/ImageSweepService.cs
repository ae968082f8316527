using CollabCanvas.Data;
using CollabCanvas.Data.Images;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Web.Versions;

/// <summary>
/// Once at start-up (after migrations, which Program runs before the host starts): removes the partial files of
/// saves a crash interrupted and images no version names. A save in progress is safe: its image is younger than the
/// store's grace period until its row commits.
/// </summary>
internal sealed class ImageSweepService(IDbContextFactory<AppDbContext> dbFactory, IImageStore images, ILogger<ImageSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var referenced = (await db.RoomVersions.AsNoTracking().Select(version => version.ImageHash).Distinct().ToListAsync(stoppingToken))
            .Select(ImageHash.Parse)
            .ToHashSet();
        var swept = await images.SweepAsync(referenced, stoppingToken);
        logger.LogInformation(
            "Image store sweep: {TempFiles} partial file(s), {Orphans} unreferenced image(s), {Thumbnails} thumbnail(s) removed; {Referenced} image(s) in use",
            swept.TempFilesDeleted, swept.OrphanImagesDeleted, swept.ThumbnailsDeleted, referenced.Count);
    }
}
