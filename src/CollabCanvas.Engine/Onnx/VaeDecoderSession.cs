using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Onnx;

/// <summary>Where the VAE decoder lives.</summary>
public sealed record VaeDecoderConfig(string ModelPath);

/// <summary>The VAE decoder: unscaled latents [B, C, h, w] → image [B, 3, H, W] in [-1, 1].</summary>
public sealed class VaeDecoderSession(VaeDecoderConfig config, SessionOptionsFactory sessionFactory)
    : OnnxNetworkSession(config.ModelPath, sessionFactory)
{
    public LatentTensor Decode(LatentTensor latents, CancellationToken cancellationToken) =>
        RunFirstOutput([("latent_sample", OrtTensors.FromFloats(latents, InputType("latent_sample")))], cancellationToken);
}
