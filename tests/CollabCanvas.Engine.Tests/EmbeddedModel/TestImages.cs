using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>Images drawn in code for img2img and inpainting: masks (white = repaint) and a simple emoji-like init image.</summary>
internal static class TestImages
{
    public static byte[] LeftHalfWhite(int width, int height) =>
        Draw<L8>(width, height, (x, _) => new L8(x < width / 2 ? (byte)255 : (byte)0));

    /// <summary>A red disc on white: the flat-colour, centred kind of picture the model was trained on, so the
    /// autoencoder reproduces it about as well as a real emoji and the test measures the pipeline, not the domain gap.</summary>
    public static byte[] RedDisc(int size) =>
        Draw<Rgb24>(size, size, (x, y) =>
        {
            var (dx, dy) = (x - size / 2 + 0.5, y - size / 2 + 0.5);
            return dx * dx + dy * dy < size * size * 0.14 ? new Rgb24(220, 30, 40) : new Rgb24(255, 255, 255);
        });

    private static byte[] Draw<TPixel>(int width, int height, Func<int, int, TPixel> pixel)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var image = new Image<TPixel>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = pixel(x, y);
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
