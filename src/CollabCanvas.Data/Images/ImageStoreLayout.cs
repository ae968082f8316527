using System.Globalization;

namespace CollabCanvas.Data.Images;

/// <summary>
/// File names in the store: <c>ab/abcdef….png</c> for an image (the first two hex digits as a folder keep any one
/// folder small), <c>ab/abcdef…-thumb-256.png</c> for its thumbnails, and <c>….tmp</c> for a write in progress.
/// </summary>
internal sealed class ImageStoreLayout(string rootPath)
{
    private const string ImageExtension = ".png";
    private const string ThumbnailMarker = "-thumb-";
    public const string TempExtension = ".tmp";

    public string RootPath { get; } = Path.GetFullPath(rootPath);

    public string FolderOf(ImageHash hash) => Path.Combine(RootPath, hash.Value[..2]);

    public string ImagePath(ImageHash hash) => Path.Combine(FolderOf(hash), hash.Value + ImageExtension);

    public string ThumbnailPath(ImageHash hash, int maxSide) =>
        Path.Combine(FolderOf(hash), string.Create(CultureInfo.InvariantCulture, $"{hash.Value}{ThumbnailMarker}{maxSide}{ImageExtension}"));

    /// <summary>A unique partial-file name beside <paramref name="finalPath"/>: same folder, so the rename is atomic.</summary>
    public static string TempPathFor(string finalPath) => $"{finalPath}.{Guid.NewGuid():N}{TempExtension}";

    /// <summary>What a file found in a shard folder is; <see cref="StoreFileKind.Unknown"/> files are never touched.</summary>
    public static StoreFile Classify(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(TempExtension, StringComparison.Ordinal))
        {
            return new StoreFile(StoreFileKind.Temp, default);
        }

        if (!name.EndsWith(ImageExtension, StringComparison.Ordinal) || name.Length < ImageHash.Length + ImageExtension.Length)
        {
            return new StoreFile(StoreFileKind.Unknown, default);
        }

        if (!ImageHash.TryParse(name[..ImageHash.Length], out var hash) || hash.Value != name[..ImageHash.Length])
        {
            return new StoreFile(StoreFileKind.Unknown, default);
        }

        var rest = name[ImageHash.Length..^ImageExtension.Length];
        if (rest.Length == 0)
        {
            return new StoreFile(StoreFileKind.Image, hash);
        }

        return rest.StartsWith(ThumbnailMarker, StringComparison.Ordinal)
            && int.TryParse(rest[ThumbnailMarker.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? new StoreFile(StoreFileKind.Thumbnail, hash)
            : new StoreFile(StoreFileKind.Unknown, default);
    }
}

internal enum StoreFileKind
{
    Unknown,
    Image,
    Thumbnail,
    Temp,
}

/// <param name="Hash">The image a file belongs to (images and thumbnails only).</param>
internal readonly record struct StoreFile(StoreFileKind Kind, ImageHash Hash);
