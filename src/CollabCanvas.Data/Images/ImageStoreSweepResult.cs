namespace CollabCanvas.Data.Images;

/// <summary>What <see cref="IImageStore.SweepAsync"/> removed.</summary>
/// <param name="TempFilesDeleted">Partial files of writes that never finished (a crash or kill mid-save).</param>
/// <param name="OrphanImagesDeleted">Images no database row names, older than the grace period.</param>
/// <param name="ThumbnailsDeleted">Thumbnails whose image is gone.</param>
public sealed record ImageStoreSweepResult(int TempFilesDeleted, int OrphanImagesDeleted, int ThumbnailsDeleted);
