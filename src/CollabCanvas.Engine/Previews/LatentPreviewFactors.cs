using System.Text.Json;
using System.Text.Json.Serialization;
using CollabCanvas.Engine.Models;

namespace CollabCanvas.Engine.Previews;

/// <summary>
/// A linear map from one latent cell to an RGB colour, the cheap stand-in for the VAE decoder used for step previews:
/// rgb = Σ_c latent[c]·Factors[c] + Bias, with rgb in [-1, 1].
/// </summary>
/// <remarks>
/// A model may ship its own factors in <c>latent_preview.json</c> at the root of its folder
/// (<see cref="ModelPaths.LatentPreviewFileName"/>):
/// <code>
/// {
///   "latent_rgb_factors": [[r, g, b], …],   // one row per latent channel
///   "latent_rgb_bias": [r, g, b],           // optional, default 0
///   "scale_by_vae_scaling_factor": false    // optional: true divides latents by the VAE scaling_factor first
/// }
/// </code>
/// The factors apply to the UNet's (scaled) latents, as ComfyUI's <c>latent_rgb_factors</c> do. Without the file,
/// 4-channel models use ComfyUI's public SD 1.5 factors (close enough for SD 2.x); other models get no cheap previews.
/// </remarks>
public sealed record LatentPreviewFactors(IReadOnlyList<IReadOnlyList<float>> Factors, IReadOnlyList<float> Bias, bool ScaleByVaeScalingFactor)
{
    /// <summary>ComfyUI's <c>latent_rgb_factors</c> for SD 1.5 (comfy/latent_formats.py, class SD15).</summary>
    public static LatentPreviewFactors StableDiffusion15 { get; } = new(
        Array.AsReadOnly<IReadOnlyList<float>>(
        [
            Array.AsReadOnly([0.3512f, 0.2297f, 0.3227f]),
            Array.AsReadOnly([0.3250f, 0.4974f, 0.2350f]),
            Array.AsReadOnly([-0.2829f, 0.1762f, 0.2721f]),
            Array.AsReadOnly([-0.2120f, -0.2616f, -0.7177f]),
        ]),
        Array.AsReadOnly([0f, 0f, 0f]),
        ScaleByVaeScalingFactor: false);

    public int LatentChannels => Factors.Count;

    /// <summary>The model's own factors, or SD 1.5's for a 4-channel model, or null when neither applies.</summary>
    /// <exception cref="InvalidDataException">The model's preview file exists but is malformed.</exception>
    public static LatentPreviewFactors? For(ModelPaths paths, ModelTraits traits)
    {
        if (File.Exists(paths.LatentPreview))
        {
            var factors = Parse(paths.LatentPreview);
            if (factors.LatentChannels != traits.LatentChannels)
            {
                throw new InvalidDataException(
                    $"{ModelPaths.LatentPreviewFileName} has {factors.LatentChannels} rows but the model has {traits.LatentChannels} latent channels");
            }

            return factors;
        }

        return traits.LatentChannels == StableDiffusion15.LatentChannels ? StableDiffusion15 : null;
    }

    private static LatentPreviewFactors Parse(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<PreviewFile>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{ModelPaths.LatentPreviewFileName} is empty");
            if (file.Factors is not { Length: > 0 } factors || factors.Any(row => row.Length != 3))
            {
                throw new InvalidDataException($"{ModelPaths.LatentPreviewFileName} needs latent_rgb_factors with 3 values per channel");
            }

            var bias = file.Bias ?? [0f, 0f, 0f];
            if (bias.Length != 3)
            {
                throw new InvalidDataException($"{ModelPaths.LatentPreviewFileName}: latent_rgb_bias needs 3 values");
            }

            return new LatentPreviewFactors(factors, bias, file.ScaleByVaeScalingFactor);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{ModelPaths.LatentPreviewFileName} is not valid JSON: {exception.Message}", exception);
        }
    }

    private sealed record PreviewFile(
        [property: JsonPropertyName("latent_rgb_factors")] float[][]? Factors,
        [property: JsonPropertyName("latent_rgb_bias")] float[]? Bias,
        [property: JsonPropertyName("scale_by_vae_scaling_factor")] bool ScaleByVaeScalingFactor);
}
