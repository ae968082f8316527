namespace CollabCanvas.Data.Images;

/// <summary>Limits on uploaded init images; bound from <c>Images:Uploads</c>.</summary>
public sealed class ImageUploadOptions
{
    public const string SectionName = "Images:Uploads";

    /// <summary>Largest accepted file, in bytes (10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest accepted width and height, in pixels.</summary>
    public int MaxSide { get; set; } = 4096;
}
