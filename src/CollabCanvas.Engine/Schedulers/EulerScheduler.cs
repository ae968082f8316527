namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Euler's method on the probability-flow ODE (Karras et al. 2022, algorithm 2 without churn), diffusers'
/// EulerDiscreteScheduler. Optional Karras σ. Class defaults: linspace spacing, linear interpolation, final σ 0.
/// </summary>
public sealed class EulerScheduler : SigmaSchedulerBase
{
    private readonly bool _karras;
    private readonly bool _finalSigmaIsMinimum;
    private readonly bool _continuousTimesteps;

    public EulerScheduler(SchedulerConfig config, INoiseSource noise)
        : base("euler", config, noise, TimestepSpacing.Linspace, supportsZeroSnrRescale: true)
    {
        _karras = config.UseKarrasSigmas == true;
        RejectIf(config.InterpolationType is not (null or "linear"), $"interpolation_type '{config.InterpolationType}'");
        RejectIf(config.UseExponentialSigmas == true, "use_exponential_sigmas");
        RejectIf(config.UseBetaSigmas == true, "use_beta_sigmas");
        RejectIf(config.FinalSigmasType is not (null or "zero" or "sigma_min"), $"final_sigmas_type '{config.FinalSigmasType}'");
        RejectIf(config.TimestepType is not (null or "discrete" or "continuous"), $"timestep_type '{config.TimestepType}'");
        _finalSigmaIsMinimum = config.FinalSigmasType == "sigma_min";
        // diffusers only switches to EDM-style continuous timesteps (¼·ln σ) for v-prediction.
        _continuousTimesteps = config.TimestepType == "continuous" && Prediction == PredictionType.VPrediction;
    }

    private protected override TimestepSchedule BuildSchedule(int steps)
    {
        var timesteps = SpacedTimesteps(steps, roundLinspace: false);
        var sigmas = InterpolatedSigmas(timesteps);
        if (_karras)
        {
            (sigmas, timesteps) = KarrasSchedule(sigmas, steps);
        }

        var finalSigma = _finalSigmaIsMinimum ? TrainingSigmas[0] : 0.0;
        var scheduleSigmas = WithFinalSigma(sigmas, finalSigma);
        if (_continuousTimesteps)
        {
            timesteps = scheduleSigmas[..^1].Select(s => 0.25 * Math.Log(s)).ToArray();
        }

        return new TimestepSchedule(timesteps.Select(t => (double)(float)t).ToArray(), scheduleSigmas);
    }

    private protected override SchedulerStepResult StepAt(int index, LatentTensor modelOutput, LatentTensor sample)
    {
        double sigma = CurrentSigmas[index];
        double nextSigma = CurrentSigmas[index + 1];
        var original = PredictOriginalFromSigma(modelOutput, sample, sigma);
        // x + (x − x0)/σ · (σ_next − σ), folded into two coefficients.
        var ratio = (nextSigma - sigma) / sigma;
        var previousSample = LatentTensor.Combine(1 + ratio, sample, -ratio, original);
        return new SchedulerStepResult(previousSample, original);
    }
}
