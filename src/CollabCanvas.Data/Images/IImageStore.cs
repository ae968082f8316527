namespace CollabCanvas.Data.Images;

/// <summary>
/// PNG images kept by the SHA-256 of their bytes. A save is atomic: after a crash an image is either complete
/// under its name or absent. Callers commit the database row that names a hash only after <see cref="SaveAsync"/>
/// returns, so the database never points at a missing image; the opposite case (an image with no row) is
/// cleaned up by <see cref="SweepAsync"/>.
/// </summary>
public interface IImageStore
{
    /// <summary>Stores PNG bytes (idempotent: the same bytes again write nothing) and flushes them to disk.</summary>
    /// <exception cref="ArgumentException">The bytes do not start with the PNG signature.</exception>
    Task<StoredImage> SaveAsync(ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default);

    /// <summary>Whether an image with this hash is stored.</summary>
    bool Contains(ImageHash hash);

    /// <summary>Opens a stored image for reading, or returns null when none has that hash.</summary>
    Task<Stream?> OpenReadAsync(ImageHash hash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a PNG thumbnail whose longer side is at most <paramref name="maxSide"/> pixels (images that already fit
    /// are not enlarged), made on first request and kept; null when no image has that hash.
    /// </summary>
    /// <param name="maxSide">16 to 2048; null takes <see cref="ImageStoreOptions.ThumbnailMaxSide"/>.</param>
    Task<Stream?> OpenThumbnailAsync(ImageHash hash, int? maxSide = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Start-up clean-up: deletes the partial files of interrupted writes, and images that
    /// <paramref name="referencedHashes"/> does not name and that are older than
    /// <see cref="ImageStoreOptions.OrphanGracePeriod"/>, with their thumbnails. Files it does not recognise are kept.
    /// </summary>
    /// <param name="referencedHashes">Every hash a database row names.</param>
    Task<ImageStoreSweepResult> SweepAsync(IReadOnlySet<ImageHash> referencedHashes, CancellationToken cancellationToken = default);
}
