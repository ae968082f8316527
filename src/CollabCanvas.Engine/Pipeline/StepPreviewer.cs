using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Previews;
using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>
/// Decides which steps get a preview and makes it: usually the cheap latent→RGB projection, and every
/// <see cref="GenerationPlan.FullDecodeEvery"/> steps the real VAE decode; at most one per
/// <see cref="PreviewOptions.MinInterval"/> (<see cref="PreviewPacer"/>).
/// </summary>
internal sealed class StepPreviewer(GenerationPlan plan, LatentPreviewFactors? factors, VaeDecoderSession decoder, TimeProvider time)
{
    private readonly PreviewPacer _pacer = new(plan.Preview.MinInterval, time);

    /// <summary>
    /// Makes the preview image of a step (the network part, which needs the model) and returns the encoding
    /// still to do, so that it can run beside the next step; null when this step has no preview.
    /// </summary>
    /// <param name="step">1-based step number.</param>
    /// <param name="totalSteps">Steps in the run; the last one always gets a preview.</param>
    /// <param name="estimate">The step's x0 estimate (or the latents when the scheduler gives none).</param>
    public Func<GenerationPreview>? Prepare(int step, int totalSteps, LatentTensor estimate, CancellationToken cancellationToken)
    {
        var preview = plan.Preview;
        if (!preview.Enabled || (step % preview.Every != 0 && step != totalSteps) || !_pacer.Admit(step, totalSteps))
        {
            return null;
        }

        if (plan.FullDecodeEvery > 0 && step % plan.FullDecodeEvery == 0)
        {
            var image = decoder.Decode(
                LatentMath.ToVaeSpace(estimate, plan.Traits.VaeScalingFactor, plan.Traits.VaeShiftFactor), cancellationToken);
            return () => PreviewEncoder.Encode(image, 1, preview.Format, preview.Quality, PreviewKind.FullDecode);
        }

        if (factors is null)
        {
            return null;
        }

        var rgb = LatentPreviewProjection.Project(estimate, factors, plan.Traits.VaeScalingFactor);
        return () => PreviewEncoder.Encode(rgb, preview.Upscale, preview.Format, preview.Quality, PreviewKind.LatentProjection);
    }
}
