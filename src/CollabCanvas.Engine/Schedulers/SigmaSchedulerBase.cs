namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Shared math of the k-diffusion style schedulers (Euler, Euler ancestral, LMS): latents live at noise level σ,
/// the UNet sees them scaled by 1/√(σ²+1), and the schedule is the training σ interpolated at the spaced timesteps
/// (or Karras σ).
/// </summary>
public abstract class SigmaSchedulerBase : SchedulerBase
{
    private protected SigmaSchedulerBase(
        string name, SchedulerConfig config, INoiseSource noise, TimestepSpacing defaultSpacing, bool supportsZeroSnrRescale)
        : base(name, config, noise, defaultSpacing, supportsZeroSnrRescale)
    {
        TrainingSigmas = TrainingSigmasWithFiniteEnd();
        TrainingLogSigmas = TrainingSigmas.Select(s => (float)Math.Log(s)).ToArray();
    }

    /// <summary>
    /// Initial noise scale: the largest σ, or √(σ_max²+1) with leading spacing (whose first timestep is below
    /// the last training timestep, a diffusers quirk kept for equal results).
    /// </summary>
    public override float InitNoiseSigma
    {
        get
        {
            var maxSigma = (Sigmas ?? TrainingSigmas).Max();
            return Spacing is TimestepSpacing.Linspace or TimestepSpacing.Trailing ? maxSigma : MathF.Sqrt(maxSigma * maxSigma + 1);
        }
    }

    /// <summary>σ of each training timestep, ascending with t.</summary>
    private protected float[] TrainingSigmas { get; }

    private protected float[] TrainingLogSigmas { get; }

    /// <summary>original + σ(t)·noise, σ being the schedule's level at <paramref name="timestep"/>.</summary>
    public override LatentTensor AddNoise(LatentTensor original, LatentTensor noise, double timestep)
    {
        double sigma = CurrentSigmas[IndexForTimestep(timestep)];
        return LatentTensor.Combine(1, original, sigma, noise);
    }

    private protected IReadOnlyList<float> CurrentSigmas =>
        Sigmas ?? throw new InvalidOperationException("Call SetTimesteps first");

    private protected override LatentTensor ScaleModelInputAt(int index, LatentTensor sample)
    {
        double sigma = CurrentSigmas[index];
        return sample.Scale(1 / Math.Sqrt(sigma * sigma + 1));
    }

    /// <summary>Training σ linearly interpolated at (fractional) timesteps, in double as numpy.interp does.</summary>
    private protected double[] InterpolatedSigmas(IEnumerable<double> timesteps) =>
        timesteps.Select(t => NumPyCompat.InterpolateAtIndex(t, TrainingSigmas)).ToArray();

    /// <summary>
    /// Karras σ spanning <paramref name="spannedSigmas"/> (or sigma_min/sigma_max from the config), with the fractional
    /// timestep of each.
    /// </summary>
    private protected (double[] Sigmas, double[] Timesteps) KarrasSchedule(IReadOnlyList<double> spannedSigmas, int steps)
    {
        var sigmaMin = Config.SigmaMin ?? spannedSigmas[^1];
        var sigmaMax = Config.SigmaMax ?? spannedSigmas[0];
        var sigmas = KarrasSigmas.Between(sigmaMin, sigmaMax, steps);
        var timesteps = sigmas.Select(s => KarrasSigmas.SigmaToTimestep(s, TrainingLogSigmas)).ToArray();
        return (sigmas, timesteps);
    }

    /// <summary>x_0 from the model output at noise level σ (k-diffusion parameterisation).</summary>
    private protected LatentTensor PredictOriginalFromSigma(LatentTensor modelOutput, LatentTensor sample, double sigma) => Prediction switch
    {
        PredictionType.Epsilon => LatentTensor.Combine(1, sample, -sigma, modelOutput),
        PredictionType.VPrediction => LatentTensor.Combine(
            1 / (sigma * sigma + 1), sample, -sigma / Math.Sqrt(sigma * sigma + 1), modelOutput),
        _ => modelOutput,
    };

    /// <summary>Appends the final σ (0, as diffusers' final_sigmas_type "zero") and rounds the schedule to float32.</summary>
    private protected static float[] WithFinalSigma(IEnumerable<double> sigmas, double finalSigma = 0) =>
        sigmas.Append(finalSigma).Select(s => (float)s).ToArray();
}
