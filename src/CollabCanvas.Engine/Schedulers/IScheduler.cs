namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// A diffusion sampler, numerically matching its Hugging Face diffusers counterpart. One instance drives one
/// generation, step by step, and keeps whatever history its algorithm needs (so it is not thread-safe):
/// <code>
/// scheduler.SetTimesteps(steps, strength);
/// latents = txt2img ? noise.Scale(scheduler.InitNoiseSigma) : scheduler.AddNoise(imageLatents, noise, scheduler.Timesteps[0]);
/// foreach (var t in scheduler.Timesteps)
/// {
///     var input = scheduler.ScaleModelInput(latents, t);
///     var modelOutput = unet(input, t);          // plus classifier-free guidance
///     latents = scheduler.Step(modelOutput, t, latents).PrevSample;
/// }
/// </code>
/// </summary>
public interface IScheduler
{
    /// <summary>Our short name, e.g. <c>euler-a</c> (see <see cref="SchedulerFactory"/>).</summary>
    string Name { get; }

    /// <summary>The timesteps to run, in order (for img2img only those the strength leaves). Integers for most
    /// schedulers; Euler-family schedules may be fractional. Empty until <see cref="SetTimesteps"/>.</summary>
    IReadOnlyList<double> Timesteps { get; }

    /// <summary>Every timestep of the schedule (diffusers' <c>scheduler.timesteps</c>), including those img2img skips.</summary>
    IReadOnlyList<double> FullTimesteps { get; }

    /// <summary>Noise levels of a sigma-parameterised schedule, one per full timestep plus the final one; null where the algorithm has none.</summary>
    IReadOnlyList<float>? Sigmas { get; }

    /// <summary>Standard deviation of the initial txt2img noise: multiply unit Gaussian noise by this.</summary>
    float InitNoiseSigma { get; }

    /// <summary>
    /// Prepares a schedule of <paramref name="steps"/> inference steps. For img2img, <paramref name="strength"/> in (0, 1]
    /// keeps the last min(int(steps·strength), steps) of them, as diffusers' get_timesteps does; 1 keeps all.
    /// Resets any history from a previous run.
    /// </summary>
    void SetTimesteps(int steps, double strength = 1.0);

    /// <summary>Scales the latent before it goes into the UNet at <paramref name="timestep"/> (identity for most schedulers).</summary>
    LatentTensor ScaleModelInput(LatentTensor sample, double timestep);

    /// <summary>
    /// One denoising step from <paramref name="timestep"/> (which must be the next of <see cref="Timesteps"/>) given
    /// the UNet's output; draws from the scheduler's noise source where the algorithm is stochastic.
    /// </summary>
    SchedulerStepResult Step(LatentTensor modelOutput, double timestep, LatentTensor sample);

    /// <summary>Forward diffusion: <paramref name="original"/> noised to the level of <paramref name="timestep"/> (img2img start, inpainting).</summary>
    LatentTensor AddNoise(LatentTensor original, LatentTensor noise, double timestep);
}
