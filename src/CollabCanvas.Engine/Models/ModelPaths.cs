namespace CollabCanvas.Engine.Models;

/// <summary>Where each part of a model lives inside its folder (the diffusers ONNX layout).</summary>
public sealed record ModelPaths(string Root)
{
    public string ModelIndex => Path.Combine(Root, "model_index.json");
    public string TokenizerFolder => Path.Combine(Root, "tokenizer");
    public string TextEncoder => Path.Combine(Root, "text_encoder", "model.onnx");
    public string UNet => Path.Combine(Root, "unet", "model.onnx");
    public string UNetConfig => Path.Combine(Root, "unet", "config.json");
    public string VaeDecoder => Path.Combine(Root, "vae_decoder", "model.onnx");
    public string VaeDecoderConfig => Path.Combine(Root, "vae_decoder", "config.json");
    public string VaeEncoder => Path.Combine(Root, "vae_encoder", "model.onnx");
    public string SchedulerConfig => Path.Combine(Root, "scheduler", "scheduler_config.json");

    /// <summary>Optional latent→RGB preview factors; see <c>Previews/LatentPreviewFactors.cs</c> for the format.</summary>
    public string LatentPreview => Path.Combine(Root, LatentPreviewFileName);

    /// <summary>File name of a model's own latent preview factors, at the root of its folder.</summary>
    public const string LatentPreviewFileName = "latent_preview.json";
}
