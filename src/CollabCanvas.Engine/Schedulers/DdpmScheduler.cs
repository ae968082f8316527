namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// DDPM ancestral sampling (Ho et al. 2020), diffusers' DDPMScheduler: draws fresh noise on every step with t > 0.
/// Class defaults: leading spacing, clip_sample true, variance_type fixed_small.
/// </summary>
public sealed class DdpmScheduler : SchedulerBase
{
    private readonly string _varianceType;
    private readonly float? _clipRange;

    public DdpmScheduler(SchedulerConfig config, INoiseSource noise)
        : base("ddpm", config, noise, TimestepSpacing.Leading, supportsZeroSnrRescale: true)
    {
        _varianceType = config.VarianceType ?? "fixed_small";
        // fixed_large_log is left out: diffusers takes the square root of a logarithm there, which is NaN.
        RejectIf(_varianceType is not ("fixed_small" or "fixed_small_log" or "fixed_large"),
            $"variance_type '{_varianceType}' (learned variances need a UNet with twice the output channels)");
        _clipRange = ClipRange(classDefault: true);
    }

    private protected override TimestepSchedule BuildSchedule(int steps) => new(SpacedTimesteps(steps, roundLinspace: true), null);

    private protected override SchedulerStepResult StepAt(int index, LatentTensor modelOutput, LatentTensor sample)
    {
        var timestep = TrainIndex(FullTimesteps[index]);
        // The previous timestep is the next one listed; after the last comes the clean image (ᾱ = 1).
        var previous = index + 1 < FullTimesteps.Count ? TrainIndex(FullTimesteps[index + 1]) : -1;
        double alphaProd = AlphasCumprod[timestep];
        double alphaProdPrev = previous >= 0 ? AlphasCumprod[previous] : 1.0;
        var betaProd = 1 - alphaProd;
        var betaProdPrev = 1 - alphaProdPrev;
        var currentAlpha = alphaProd / alphaProdPrev;
        var currentBeta = 1 - currentAlpha;

        var original = PredictOriginalFromAlpha(modelOutput, sample, alphaProd);
        if (_clipRange is { } range)
        {
            original = original.Clamp(-range, range);
        }

        // Mean of the posterior q(x_{t-1} | x_t, x_0), formula (7) of the DDPM paper.
        var originalCoefficient = Math.Sqrt(alphaProdPrev) * currentBeta / betaProd;
        var sampleCoefficient = Math.Sqrt(currentAlpha) * betaProdPrev / betaProd;
        var previousSample = LatentTensor.Combine(originalCoefficient, original, sampleCoefficient, sample);

        if (timestep > 0)
        {
            var noise = Noise.NextGaussian(sample.Shape);
            previousSample = LatentTensor.Combine(1, previousSample, StandardDeviation(betaProdPrev, betaProd, currentBeta), noise);
        }

        return new SchedulerStepResult(previousSample, original);
    }

    private double StandardDeviation(double betaProdPrev, double betaProd, double currentBeta)
    {
        // Posterior variance β̃_t, clamped so the last step's log stays finite.
        var variance = Math.Max(betaProdPrev / betaProd * currentBeta, 1e-20);
        return _varianceType switch
        {
            "fixed_small" => Math.Sqrt(variance),
            // diffusers goes through the logarithm here; the result is the same standard deviation.
            "fixed_small_log" => Math.Exp(0.5 * Math.Log(variance)),
            _ => Math.Sqrt(currentBeta),
        };
    }
}
