using System.Diagnostics.CodeAnalysis;

namespace CollabCanvas.Data.Images;

/// <summary>Either an accepted <see cref="Image"/> or an <see cref="Error"/> to show the person who uploaded the file.</summary>
public sealed record ImageUploadResult
{
    private ImageUploadResult(UploadedImage? image, string? error) => (Image, Error) = (image, error);

    public UploadedImage? Image { get; }

    /// <summary>A sentence for the uploader: what is wrong and what is accepted.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsAccepted => Image is not null;

    public static ImageUploadResult Accepted(UploadedImage image) => new(image, null);

    public static ImageUploadResult Rejected(string error) => new(null, error);
}
