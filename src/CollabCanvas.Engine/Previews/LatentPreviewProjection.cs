using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Previews;

/// <summary>Applies <see cref="LatentPreviewFactors"/> to latents: [B, C, h, w] → [1, 3, h, w] in [-1, 1] (first image only).</summary>
public static class LatentPreviewProjection
{
    public static LatentTensor Project(LatentTensor latents, LatentPreviewFactors factors, float vaeScalingFactor)
    {
        var (channels, height, width) = (latents.Shape[1], latents.Shape[2], latents.Shape[3]);
        if (channels != factors.LatentChannels)
        {
            throw new ArgumentException($"preview factors are for {factors.LatentChannels} channels, latents have {channels}");
        }

        var plane = height * width;
        var inputScale = factors.ScaleByVaeScalingFactor ? 1f / vaeScalingFactor : 1f;
        var rgb = new float[3 * plane];
        for (var colour = 0; colour < 3; colour++)
        {
            var output = rgb.AsSpan(colour * plane, plane);
            output.Fill(factors.Bias[colour]);
            for (var c = 0; c < channels; c++)
            {
                var weight = factors.Factors[c][colour] * inputScale;
                var input = latents.Data.AsSpan(c * plane, plane);
                for (var i = 0; i < plane; i++)
                {
                    output[i] += weight * input[i];
                }
            }
        }

        return new LatentTensor(rgb, [1, 3, height, width]);
    }
}
