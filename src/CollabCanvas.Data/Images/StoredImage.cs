namespace CollabCanvas.Data.Images;

/// <summary>The outcome of <see cref="IImageStore.SaveAsync"/>.</summary>
/// <param name="Hash">The image's name in the store.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="AlreadyStored">True when the same bytes were stored before; nothing was written.</param>
public sealed record StoredImage(ImageHash Hash, long Length, bool AlreadyStored);
