namespace CollabCanvas.Engine.Pipeline;

/// <summary>What a generation reports, in order: <see cref="GenerationStarted"/>, one <see cref="GenerationStep"/>
/// per step, then <see cref="GenerationCompleted"/>; or a single <see cref="GenerationFailed"/> at any point.</summary>
public abstract record GenerationEvent;

/// <summary>The request was accepted and the model is ours: <paramref name="TotalSteps"/> steps follow.</summary>
/// <param name="TotalSteps">Denoising steps that will run (fewer than requested for img2img with strength below 1).</param>
/// <param name="Seed">The seed in use (the one picked at random when the request had none).</param>
/// <param name="Notes">Adjustments made to the request, e.g. an init image that was resized.</param>
public sealed record GenerationStarted(int TotalSteps, int Seed, IReadOnlyList<string> Notes) : GenerationEvent;

/// <summary>One denoising step finished.</summary>
/// <param name="Index">1-based step number.</param>
/// <param name="TotalSteps">Same as in <see cref="GenerationStarted"/>.</param>
/// <param name="Elapsed">Time since the run started (after waiting for the model).</param>
/// <param name="Preview">A preview image, when this step has one.</param>
public sealed record GenerationStep(int Index, int TotalSteps, TimeSpan Elapsed, GenerationPreview? Preview) : GenerationEvent;

/// <summary>How a preview was made.</summary>
public enum PreviewKind
{
    /// <summary>Cheap linear projection of the latents to RGB, at latent resolution (optionally upscaled).</summary>
    LatentProjection,

    /// <summary>The real VAE decoder, at full resolution.</summary>
    FullDecode,
}

/// <summary>An encoded preview image.</summary>
public sealed record GenerationPreview(byte[] Image, string ContentType, int Width, int Height, PreviewKind Kind);

/// <summary>The image is ready.</summary>
/// <param name="Png">The image, PNG-encoded.</param>
/// <param name="Seed">The seed that reproduces it.</param>
/// <param name="Timings">Where the time went.</param>
/// <param name="Notes">Adjustments made to the request (same as in <see cref="GenerationStarted"/>).</param>
public sealed record GenerationCompleted(byte[] Png, int Width, int Height, int Seed, GenerationTimings Timings,
    IReadOnlyList<string> Notes) : GenerationEvent;

/// <summary>The request was rejected (bad input, unknown model or scheduler) or the run broke; nothing was kept.</summary>
/// <param name="Reason">One line a user can act on.</param>
public sealed record GenerationFailed(string Reason) : GenerationEvent;

/// <summary>Time spent in each phase of a run.</summary>
/// <param name="Queued">Waiting for another request on the same model.</param>
/// <param name="Load">Opening ONNX sessions (only the first run of a model pays it).</param>
/// <param name="TextEncoding">Tokenizer and text encoder.</param>
/// <param name="ImageEncoding">VAE encoder for img2img and inpainting.</param>
/// <param name="Denoising">UNet and scheduler steps, previews excluded.</param>
/// <param name="Previews">Making previews on the denoising path (projection or VAE decode; encoding runs beside the next step).</param>
/// <param name="Decoding">Final VAE decode and PNG encoding.</param>
public sealed record GenerationTimings(TimeSpan Queued, TimeSpan Load, TimeSpan TextEncoding, TimeSpan ImageEncoding,
    TimeSpan Denoising, TimeSpan Previews, TimeSpan Decoding)
{
    public TimeSpan Total => Queued + Load + TextEncoding + ImageEncoding + Denoising + Previews + Decoding;
}
