using CollabCanvas.Engine.Schedulers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>Conversions between encoded images and the [-1, 1] NCHW tensors the VAE works on.</summary>
public static class ImageTensors
{
    /// <summary>An encoded image as [1, 3, H, W] in [-1, 1], resized to <paramref name="size"/> when it differs.</summary>
    /// <returns>The tensor and whether it had to be resized (with the original size).</returns>
    /// <exception cref="InvalidImageException">The bytes are not an image ImageSharp can read.</exception>
    public static (LatentTensor Tensor, Size? ResizedFrom) DecodeRgb(byte[] encoded, Size size, string what)
    {
        using var image = Load(encoded, what);
        var resizedFrom = ResizeTo(image, size, KnownResamplers.Bicubic);
        var data = new float[3 * size.Width * size.Height];
        var plane = size.Width * size.Height;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var index = y * size.Width + x;
                    data[index] = row[x].R / 127.5f - 1f;
                    data[plane + index] = row[x].G / 127.5f - 1f;
                    data[2 * plane + index] = row[x].B / 127.5f - 1f;
                }
            }
        });
        return (new LatentTensor(data, [1, 3, size.Height, size.Width]), resizedFrom);
    }

    /// <summary>The pixel size of an encoded image, read from its header.</summary>
    public static Size Measure(byte[] encoded, string what)
    {
        try
        {
            return Image.Identify(encoded)?.Size() ?? throw new InvalidImageException($"the {what} is not a readable image");
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException or ArgumentException)
        {
            throw new InvalidImageException($"the {what} is not a readable image ({exception.Message})");
        }
    }

    /// <summary>An encoded mask as [1, 1, H, W] of 0 (keep) and 1 (repaint), thresholded at half brightness as diffusers does.</summary>
    public static (LatentTensor Tensor, Size? ResizedFrom) DecodeMask(byte[] encoded, Size size)
    {
        using var image = Load(encoded, "mask");
        var resizedFrom = ResizeTo(image, size, KnownResamplers.NearestNeighbor);
        var data = new float[size.Width * size.Height];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var luminance = (row[x].R + row[x].G + row[x].B) / 3f;
                    data[y * size.Width + x] = luminance >= 127.5f ? 1f : 0f;
                }
            }
        });
        return (new LatentTensor(data, [1, 1, size.Height, size.Width]), resizedFrom);
    }

    /// <summary>The first image of a [B, 3, H, W] tensor in [-1, 1] as 8-bit RGB pixels.</summary>
    public static Image<Rgb24> ToImage(LatentTensor tensor)
    {
        var (height, width) = (tensor.Shape[2], tensor.Shape[3]);
        var plane = width * height;
        var pixels = new Rgb24[plane];
        for (var i = 0; i < plane; i++)
        {
            pixels[i] = new Rgb24(ToByte(tensor.Data[i]), ToByte(tensor.Data[plane + i]), ToByte(tensor.Data[2 * plane + i]));
        }

        return Image.LoadPixelData<Rgb24>(pixels, width, height);
    }

    /// <summary>The first image of a [B, 3, H, W] tensor in [-1, 1], PNG-encoded.</summary>
    public static byte[] ToPng(LatentTensor tensor)
    {
        using var image = ToImage(tensor);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    private static byte ToByte(float value) => (byte)Math.Clamp(Math.Round((value / 2f + 0.5f) * 255f), 0, 255);

    private static Image<Rgb24> Load(byte[] encoded, string what)
    {
        try
        {
            return Image.Load<Rgb24>(encoded);
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException or ArgumentException)
        {
            throw new InvalidImageException($"the {what} is not a readable image ({exception.Message})");
        }
    }

    private static Size? ResizeTo(Image<Rgb24> image, Size size, IResampler resampler)
    {
        if (image.Size() == size)
        {
            return null;
        }

        var original = image.Size();
        image.Mutate(context => context.Resize(size.Width, size.Height, resampler));
        return original;
    }
}

/// <summary>Thrown when request bytes that should be an image are not.</summary>
public sealed class InvalidImageException(string message) : Exception(message);
