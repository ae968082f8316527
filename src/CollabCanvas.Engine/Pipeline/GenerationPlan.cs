using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Schedulers;
using CollabCanvas.Engine.Tokenization;
using SixLabors.ImageSharp;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>A request that passed validation, with everything resolved: sizes, seed, decoded images, scheduler.</summary>
internal sealed record GenerationPlan(
    ModelEntry Model,
    ModelTraits Traits,
    GenerationMode Mode,
    ClipTokenizer Tokenizer,
    string Prompt,
    string NegativePrompt,
    int Steps,
    string SchedulerName,
    SchedulerConfig SchedulerConfig,
    double Guidance,
    int Seed,
    Size Size,
    LatentTensor? InitImage,
    LatentTensor? Mask,
    double Strength,
    PreviewOptions Preview,
    int FullDecodeEvery,
    IReadOnlyList<string> Notes)
{
    /// <summary>CFG doubles the UNet batch; LCMs take guidance as an embedding instead, and ≤ 1 means no guidance.</summary>
    public bool UsesClassifierFreeGuidance => Guidance > 1.0 && !Traits.IsLatentConsistency;

    /// <summary>Whether the run starts from the init image's noised latents rather than pure noise.</summary>
    public bool StartsFromInitImage => Mode is GenerationMode.ImageToImage or GenerationMode.InpaintingBlend
        || (Mode == GenerationMode.InpaintingUNet && Strength < 1.0);

    public int LatentWidth => Size.Width / Traits.VaeScaleFactor;

    public int LatentHeight => Size.Height / Traits.VaeScaleFactor;
}
