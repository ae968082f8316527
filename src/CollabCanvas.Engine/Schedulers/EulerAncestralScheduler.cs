namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Euler ancestral sampling (k-diffusion's sample_euler_ancestral), diffusers' EulerAncestralDiscreteScheduler:
/// an Euler step down to σ_down, then fresh noise of σ_up. Class default: linspace spacing.
/// </summary>
public sealed class EulerAncestralScheduler : SigmaSchedulerBase
{
    public EulerAncestralScheduler(SchedulerConfig config, INoiseSource noise)
        : base("euler-a", config, noise, TimestepSpacing.Linspace, supportsZeroSnrRescale: true)
    {
        RejectIf(Prediction == PredictionType.Sample, "prediction_type 'sample' (diffusers does not implement it for Euler ancestral)");
    }

    private protected override TimestepSchedule BuildSchedule(int steps)
    {
        var timesteps = SpacedTimesteps(steps, roundLinspace: false);
        return new TimestepSchedule(timesteps, WithFinalSigma(InterpolatedSigmas(timesteps)));
    }

    private protected override SchedulerStepResult StepAt(int index, LatentTensor modelOutput, LatentTensor sample)
    {
        double sigma = CurrentSigmas[index];
        double nextSigma = CurrentSigmas[index + 1];
        var original = PredictOriginalFromSigma(modelOutput, sample, sigma);

        var sigmaUp = Math.Sqrt(nextSigma * nextSigma * (sigma * sigma - nextSigma * nextSigma) / (sigma * sigma));
        var sigmaDown = Math.Sqrt(Math.Max(nextSigma * nextSigma - sigmaUp * sigmaUp, 0));
        var ratio = (sigmaDown - sigma) / sigma;
        // Noise is drawn even when σ_up is 0 (the last step), as diffusers does, so seeded runs line up.
        var noise = Noise.NextGaussian(sample.Shape);
        var previousSample = LatentTensor.Combine(1 + ratio, sample, -ratio, original, sigmaUp, noise);
        return new SchedulerStepResult(previousSample, original);
    }
}
