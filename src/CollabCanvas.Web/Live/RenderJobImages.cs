using CollabCanvas.Data.Images;
using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Live;

/// <summary>
/// The image a render job starts from, as bytes for the engine: the bytes the room sent (its last result), or the
/// room's init image read from the image store by hash (the room knows nothing of the store). Shared by the
/// in-process and the remote renderer, so a worker gets the same request either way.
/// </summary>
public sealed class RenderJobImages(IImageStore images)
{
    /// <summary>Why a job cannot run when its init image is gone (deleted by hand, or a store moved without it).</summary>
    public const string MissingInitImage = "The room's init image is no longer stored: upload it again or clear it.";

    /// <summary>The init image's bytes (null for txt2img), or <see cref="MissingInitImage"/> as the error.</summary>
    public async Task<(byte[]? InitImage, string? Error)> ResolveAsync(RenderJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.InitImageHash is not { } hashText)
        {
            return (job.InitImage, null);
        }

        if (!ImageHash.TryParse(hashText, out var hash))
        {
            return (null, MissingInitImage);
        }

        await using var stored = await images.OpenReadAsync(hash, cancellationToken);
        if (stored is null)
        {
            return (null, MissingInitImage);
        }

        using var bytes = new MemoryStream();
        await stored.CopyToAsync(bytes, cancellationToken);
        return (bytes.ToArray(), null);
    }
}
