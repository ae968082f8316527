using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Data.Images;

/// <summary>
/// <see cref="IImageStore"/> on a local folder: <c>&lt;root&gt;/ab/abcdef….png</c>, thumbnails beside their image.
/// Safe for concurrent use within one process; a write never overwrites a stored file.
/// </summary>
public sealed class FileSystemImageStore : IImageStore
{
    public const int MinThumbnailSide = 16;
    public const int MaxThumbnailSide = 2048;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ImageStoreLayout layout;
    private readonly ImageStoreOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<FileSystemImageStore> logger;
    private readonly TempFileRegistry writesInProgress = new();

    public FileSystemImageStore(IOptions<ImageStoreOptions> options, TimeProvider time, ILogger<FileSystemImageStore> logger)
    {
        this.options = options.Value;
        ThrowIfInvalid(this.options);
        layout = new ImageStoreLayout(this.options.RootPath);
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The store's folder, absolute.</summary>
    public string RootPath => layout.RootPath;

    public async Task<StoredImage> SaveAsync(ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default)
    {
        if (!png.Span.StartsWith(PngSignature))
        {
            throw new ArgumentException("Only PNG images are stored; these bytes lack the PNG signature.", nameof(png));
        }

        var hash = ImageHash.Compute(png.Span);
        var written = await AtomicFileWriter.WriteIfAbsentAsync(layout.ImagePath(hash), png, writesInProgress, cancellationToken);
        return new StoredImage(hash, png.Length, AlreadyStored: !written);
    }

    public bool Contains(ImageHash hash) => File.Exists(layout.ImagePath(hash));

    public Task<Stream?> OpenReadAsync(ImageHash hash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(OpenIfExists(layout.ImagePath(hash)));
    }

    public async Task<Stream?> OpenThumbnailAsync(ImageHash hash, int? maxSide = null, CancellationToken cancellationToken = default)
    {
        var side = maxSide ?? options.ThumbnailMaxSide;
        CheckThumbnailSide(side, nameof(maxSide));

        var thumbnailPath = layout.ThumbnailPath(hash, side);
        if (OpenIfExists(thumbnailPath) is { } cached)
        {
            return cached;
        }

        await using (var source = OpenIfExists(layout.ImagePath(hash)))
        {
            if (source is null)
            {
                return null;
            }

            // Two requests for a new thumbnail may both render it; the second rename loses and its copy is dropped.
            var thumbnail = await ThumbnailRenderer.RenderAsync(source, side, cancellationToken);
            await AtomicFileWriter.WriteIfAbsentAsync(thumbnailPath, thumbnail, writesInProgress, cancellationToken);
        }

        return OpenIfExists(thumbnailPath);
    }

    public Task<ImageStoreSweepResult> SweepAsync(IReadOnlySet<ImageHash> referencedHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(referencedHashes);
        if (!Directory.Exists(layout.RootPath))
        {
            return Task.FromResult(new ImageStoreSweepResult(0, 0, 0));
        }

        var orphanBefore = time.GetUtcNow().UtcDateTime - options.OrphanGracePeriod;
        int temps = 0, orphans = 0, thumbnails = 0;
        foreach (var folder in Directory.EnumerateDirectories(layout.RootPath))
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Images first, so the thumbnails of an image deleted here are found orphaned below.
            var files = Directory.GetFiles(folder);
            foreach (var path in files)
            {
                var file = ImageStoreLayout.Classify(path);
                if (file.Kind == StoreFileKind.Temp && !writesInProgress.Contains(path) && TryDelete(path))
                {
                    temps++;
                }
                else if (file.Kind == StoreFileKind.Image && !referencedHashes.Contains(file.Hash)
                    && File.GetLastWriteTimeUtc(path) < orphanBefore && TryDelete(path))
                {
                    orphans++;
                }
            }

            foreach (var path in files)
            {
                var file = ImageStoreLayout.Classify(path);
                if (file.Kind == StoreFileKind.Thumbnail && !Contains(file.Hash) && TryDelete(path))
                {
                    thumbnails++;
                }
            }
        }

        if (temps + orphans + thumbnails > 0)
        {
            logger.LogInformation(
                "Image store sweep removed {TempFiles} partial write(s), {Orphans} unreferenced image(s) and {Thumbnails} thumbnail(s)",
                temps, orphans, thumbnails);
        }

        return Task.FromResult(new ImageStoreSweepResult(temps, orphans, thumbnails));
    }

    private static Stream? OpenIfExists(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 81920, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException exception)
        {
            // A file another process holds open is retried by the next sweep; it must not stop start-up.
            logger.LogWarning(exception, "Image store sweep could not delete {Path}", path);
            return false;
        }
        catch (UnauthorizedAccessException exception)
        {
            logger.LogWarning(exception, "Image store sweep could not delete {Path}", path);
            return false;
        }
    }

    private static void ThrowIfInvalid(ImageStoreOptions options)
    {
        const string section = ImageStoreOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.RootPath))
        {
            throw new InvalidOperationException($"{section}:{nameof(ImageStoreOptions.RootPath)} must name a folder.");
        }

        if (options.OrphanGracePeriod < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{section}:{nameof(ImageStoreOptions.OrphanGracePeriod)} must not be negative.");
        }

        if (options.ThumbnailMaxSide is < MinThumbnailSide or > MaxThumbnailSide)
        {
            throw new InvalidOperationException(
                $"{section}:{nameof(ImageStoreOptions.ThumbnailMaxSide)} must be {MinThumbnailSide} to {MaxThumbnailSide} pixels.");
        }
    }

    private static void CheckThumbnailSide(int side, string name)
    {
        if (side is < MinThumbnailSide or > MaxThumbnailSide)
        {
            throw new ArgumentOutOfRangeException(name, side, $"A thumbnail side must be {MinThumbnailSide} to {MaxThumbnailSide} pixels.");
        }
    }
}
