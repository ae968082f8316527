namespace CollabCanvas.Data.Images;

/// <summary>Where and how <see cref="FileSystemImageStore"/> keeps images; bound from the <c>Images</c> section.</summary>
public sealed class ImageStoreOptions
{
    public const string SectionName = "Images";

    /// <summary>Folder of the store; relative paths are taken from the working directory (the repository root under dotnet run).</summary>
    public string RootPath { get; set; } = "data/images";

    /// <summary>
    /// How old an unreferenced image must be before the sweep deletes it. An image is written before the database
    /// row that names it is committed, so a young unreferenced image may belong to a save still in progress.
    /// </summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest side of a thumbnail when the caller does not ask for a size.</summary>
    public int ThumbnailMaxSide { get; set; } = 256;
}
