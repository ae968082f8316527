using CollabCanvas.Data.Images;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Data.Tests.Images;

/// <summary>A <see cref="FileSystemImageStore"/> in a fresh temp folder.</summary>
internal sealed class ImageStoreFixture : IDisposable
{
    private readonly TempFolder folder = new();

    public ImageStoreFixture(TimeSpan? orphanGracePeriod = null)
    {
        Options = new ImageStoreOptions
        {
            RootPath = Path.Combine(folder.Path, "images"),
            OrphanGracePeriod = orphanGracePeriod ?? TimeSpan.FromHours(1),
            ThumbnailMaxSide = 64,
        };
        Store = new FileSystemImageStore(Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<FileSystemImageStore>.Instance);
    }

    public ImageStoreOptions Options { get; }

    public FileSystemImageStore Store { get; }

    public string Root => Store.RootPath;

    public string[] AllFiles() =>
        Directory.Exists(Root) ? Directory.GetFiles(Root, "*", SearchOption.AllDirectories) : [];

    public void Dispose() => folder.Dispose();
}
