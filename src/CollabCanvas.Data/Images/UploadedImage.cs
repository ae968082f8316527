namespace CollabCanvas.Data.Images;

/// <summary>An upload that passed <see cref="ImageUploadValidator"/>: its bytes (unchanged) and what its header says.</summary>
/// <param name="MediaType">image/png, image/jpeg or image/webp.</param>
public sealed record UploadedImage(byte[] Bytes, string MediaType, int Width, int Height);
