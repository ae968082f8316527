using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace CollabCanvas.Engine.Tests.Support;

/// <summary>Pixel comparisons between encoded images.</summary>
internal static class Pixels
{
    public static Rgb24[] Read(byte[] encoded, out int width, out int height)
    {
        using var image = Image.Load<Rgb24>(encoded);
        (width, height) = (image.Width, image.Height);
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    /// <summary>Largest per-channel difference between two images of the same size, optionally within a column range.</summary>
    public static int MaxDifference(byte[] actual, byte[] expected, int fromColumn = 0, int toColumn = int.MaxValue)
    {
        var a = Read(actual, out var width, out var height);
        var e = Read(expected, out var expectedWidth, out var expectedHeight);
        Assert.Equal((expectedWidth, expectedHeight), (width, height));
        var worst = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var column = i % width;
            if (column < fromColumn || column >= toColumn)
            {
                continue;
            }

            worst = Math.Max(worst, Math.Max(Math.Abs(a[i].R - e[i].R), Math.Max(Math.Abs(a[i].G - e[i].G), Math.Abs(a[i].B - e[i].B))));
        }

        return worst;
    }

    public static byte[] SolidPng(int width, int height, byte grey)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(grey, grey, grey));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
