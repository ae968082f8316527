using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Models;

/// <summary>What kind of UNet a model has, which decides how the pipeline drives it.</summary>
public enum UNetKind
{
    /// <summary>An ordinary text-to-image UNet (its <c>sample</c> has the latent channels).</summary>
    Standard,

    /// <summary>An inpainting UNet: <c>sample</c> has 9 channels (latents, mask, masked-image latents).</summary>
    Inpainting,

    /// <summary>A latent consistency model: the UNet takes a guidance embedding as <c>timestep_cond</c>.</summary>
    LatentConsistency,
}

/// <summary>An image size in pixels.</summary>
public sealed record ImageSize(int Width, int Height)
{
    public override string ToString() => $"{Width}x{Height}";
}

/// <summary>Everything the engine needs to know about a usable model, read from its configs and ONNX graphs.</summary>
/// <param name="UNetKind">Standard, inpainting or LCM.</param>
/// <param name="PredictionType">What the UNet predicts.</param>
/// <param name="NativeSize">Resolution the model was trained at (<c>sample_size</c> × VAE factor), when the configs say.</param>
/// <param name="LatentChannels">Channels of the latent space (4 for SD 1.x/2.x).</param>
/// <param name="VaeScaleFactor">Pixels per latent cell along each axis (2^(blocks−1) of the VAE).</param>
/// <param name="VaeScalingFactor">The VAE's <c>scaling_factor</c>: latents are multiplied by it after encoding.</param>
/// <param name="VaeShiftFactor">The VAE's <c>shift_factor</c> (0 for SD 1.x/2.x), subtracted before scaling.</param>
/// <param name="TimestepType">Element type of the UNet's <c>timestep</c> input.</param>
/// <param name="TextEmbeddingWidth">Width of <c>encoder_hidden_states</c> (768 for SD 1.x).</param>
/// <param name="TimestepConditionWidth">Width of <c>timestep_cond</c> for LCM UNets, otherwise null.</param>
/// <param name="InputIdsType">Element type of the text encoder's <c>input_ids</c> (int32 in diffusers exports).</param>
/// <param name="HasVaeEncoder">Whether img2img and inpainting are possible (they need the VAE encoder).</param>
public sealed record ModelTraits(
    UNetKind UNetKind,
    PredictionType PredictionType,
    ImageSize? NativeSize,
    int LatentChannels,
    int VaeScaleFactor,
    float VaeScalingFactor,
    float VaeShiftFactor,
    OnnxElementType TimestepType,
    int TextEmbeddingWidth,
    int? TimestepConditionWidth,
    OnnxElementType InputIdsType,
    bool HasVaeEncoder)
{
    public bool IsInpainting => UNetKind == UNetKind.Inpainting;

    public bool IsLatentConsistency => UNetKind == UNetKind.LatentConsistency;
}
