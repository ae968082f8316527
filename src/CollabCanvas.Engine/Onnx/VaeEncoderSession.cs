using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Onnx;

/// <summary>Where the VAE encoder lives and how many channels its latents have.</summary>
public sealed record VaeEncoderConfig(string ModelPath, int LatentChannels);

/// <summary>
/// The VAE encoder: image [B, 3, H, W] in [-1, 1] → unscaled latents [B, C, h, w]. Exports that return the
/// distribution's mean and log-variance (2·C channels) give the mean, i.e. the distribution's mode.
/// </summary>
public sealed class VaeEncoderSession(VaeEncoderConfig config, SessionOptionsFactory sessionFactory)
    : OnnxNetworkSession(config.ModelPath, sessionFactory)
{
    public LatentTensor Encode(LatentTensor image, CancellationToken cancellationToken)
    {
        var output = RunFirstOutput([("sample", OrtTensors.FromFloats(image, InputType("sample")))], cancellationToken);
        var channels = output.Shape[1];
        if (channels == config.LatentChannels)
        {
            return output;
        }

        if (channels == 2 * config.LatentChannels)
        {
            return FirstChannels(output, config.LatentChannels);
        }

        throw new InvalidOperationException(
            $"vae_encoder returned {channels} channels; expected {config.LatentChannels} or {2 * config.LatentChannels}");
    }

    private static LatentTensor FirstChannels(LatentTensor tensor, int channels)
    {
        var (batch, total, plane) = (tensor.Shape[0], tensor.Shape[1], tensor.Shape[2] * tensor.Shape[3]);
        var data = new float[batch * channels * plane];
        for (var b = 0; b < batch; b++)
        {
            Array.Copy(tensor.Data, b * total * plane, data, b * channels * plane, channels * plane);
        }

        return new LatentTensor(data, [batch, channels, tensor.Shape[2], tensor.Shape[3]]);
    }
}
