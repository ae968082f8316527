using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>The tensor arithmetic of the pipeline, kept apart from its control flow. Inputs are never modified.</summary>
public static class LatentMath
{
    /// <summary>Stacks tensors of equal shape (apart from the batch) along the batch axis.</summary>
    public static LatentTensor ConcatBatch(params LatentTensor[] parts)
    {
        var shape = parts[0].Shape.ToArray();
        foreach (var part in parts)
        {
            if (!part.Shape.Skip(1).SequenceEqual(shape.Skip(1)))
            {
                throw new ArgumentException("batch parts differ in shape");
            }
        }

        shape[0] = parts.Sum(part => part.Shape[0]);
        return new LatentTensor(parts.SelectMany(part => part.Data).ToArray(), shape);
    }

    /// <summary>Splits a batch-2 tensor into its two halves.</summary>
    public static (LatentTensor First, LatentTensor Second) SplitBatch(LatentTensor tensor)
    {
        if (tensor.Shape[0] != 2)
        {
            throw new ArgumentException($"expected a batch of 2, got {tensor.Shape[0]}");
        }

        var half = tensor.Length / 2;
        var shape = tensor.Shape.ToArray();
        shape[0] = 1;
        return (new LatentTensor(tensor.Data[..half], shape), new LatentTensor(tensor.Data[half..], shape));
    }

    /// <summary>Joins [B, C1, h, w] and [B, C2, h, w] into [B, C1+C2, h, w] (the inpainting UNet's input).</summary>
    public static LatentTensor ConcatChannels(params LatentTensor[] parts)
    {
        var (batch, height, width) = (parts[0].Shape[0], parts[0].Shape[2], parts[0].Shape[3]);
        var plane = height * width;
        var channels = parts.Sum(part => part.Shape[1]);
        var data = new float[batch * channels * plane];
        var offset = 0;
        for (var b = 0; b < batch; b++)
        {
            foreach (var part in parts)
            {
                var size = part.Shape[1] * plane;
                Array.Copy(part.Data, b * size, data, offset, size);
                offset += size;
            }
        }

        return new LatentTensor(data, [batch, channels, height, width]);
    }

    /// <summary>Classifier-free guidance: uncond + scale·(cond − uncond).</summary>
    public static LatentTensor Guide(LatentTensor unconditional, LatentTensor conditional, double scale) =>
        LatentTensor.Combine(1 - scale, unconditional, scale, conditional);

    /// <summary>mask·generated + (1 − mask)·known, with a [1, 1, h, w] mask broadcast over channels.</summary>
    public static LatentTensor Blend(LatentTensor generated, LatentTensor known, LatentTensor mask)
    {
        generated.EnsureSameShape(known);
        var plane = generated.Shape[2] * generated.Shape[3];
        var data = new float[generated.Length];
        for (var i = 0; i < data.Length; i++)
        {
            var m = mask.Data[i % plane];
            data[i] = m * generated.Data[i] + (1 - m) * known.Data[i];
        }

        return new LatentTensor(data, generated.Shape);
    }

    /// <summary>A pixel mask [1, 1, H, W] brought to latent size by nearest sampling, as diffusers' interpolate does.</summary>
    public static LatentTensor DownsampleMask(LatentTensor mask, int factor)
    {
        var (height, width) = (mask.Shape[2] / factor, mask.Shape[3] / factor);
        var data = new float[height * width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                data[y * width + x] = mask.Data[y * factor * mask.Shape[3] + x * factor];
            }
        }

        return new LatentTensor(data, [1, 1, height, width]);
    }

    /// <summary>The image with its masked (to-be-repainted) pixels set to 0, i.e. mid grey: diffusers' masked_image.</summary>
    public static LatentTensor MaskOut(LatentTensor image, LatentTensor mask)
    {
        var plane = image.Shape[2] * image.Shape[3];
        var data = new float[image.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = mask.Data[i % plane] >= 0.5f ? 0f : image.Data[i];
        }

        return new LatentTensor(data, image.Shape);
    }

    /// <summary>Hidden states [1, S, D] padded to <paramref name="sequence"/> tokens by repeating the padding windows.</summary>
    public static LatentTensor ConcatSequence(IReadOnlyList<LatentTensor> windows)
    {
        var width = windows[0].Shape[2];
        var length = windows.Sum(window => window.Shape[1]);
        return new LatentTensor(windows.SelectMany(window => window.Data).ToArray(), [1, length, width]);
    }

    /// <summary>VAE latents to the UNet's space: (z − shift)·scale.</summary>
    public static LatentTensor ToModelSpace(LatentTensor vaeLatents, float scalingFactor, float shiftFactor) =>
        Affine(vaeLatents, scalingFactor, -shiftFactor * scalingFactor);

    /// <summary>UNet-space latents back to the VAE's: z/scale + shift.</summary>
    public static LatentTensor ToVaeSpace(LatentTensor modelLatents, float scalingFactor, float shiftFactor) =>
        Affine(modelLatents, 1.0 / scalingFactor, shiftFactor);

    private static LatentTensor Affine(LatentTensor tensor, double scale, double offset)
    {
        var data = new float[tensor.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(tensor.Data[i] * scale + offset);
        }

        return new LatentTensor(data, tensor.Shape);
    }
}
