namespace CollabCanvas.Engine.Schedulers;

/// <summary>What one denoising step returns.</summary>
/// <param name="PrevSample">The latent for the next step (or the final latent after the last step).</param>
/// <param name="PredOriginalSample">The step's estimate of the clean latent x0, where the algorithm forms one.</param>
/// <param name="Denoised">
/// LCM only: the consistency-model output. After the last step it equals <paramref name="PrevSample"/>;
/// LCM pipelines decode it for previews.
/// </param>
public sealed record SchedulerStepResult(LatentTensor PrevSample, LatentTensor? PredOriginalSample, LatentTensor? Denoised = null);
