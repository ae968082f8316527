namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// DDIM (Song et al. 2020), diffusers' DDIMScheduler. Deterministic with eta = 0; eta = 1 adds DDPM-like noise.
/// Class defaults: leading spacing, clip_sample true, set_alpha_to_one true.
/// </summary>
public sealed class DdimScheduler : SchedulerBase
{
    private readonly double _eta;
    private readonly double _finalAlphaCumprod;
    private readonly float? _clipRange;

    public DdimScheduler(SchedulerConfig config, INoiseSource noise, double eta = 0.0)
        : base("ddim", config, noise, TimestepSpacing.Leading, supportsZeroSnrRescale: true)
    {
        _eta = eta;
        _finalAlphaCumprod = FinalAlphaCumprod(classDefault: true);
        _clipRange = ClipRange(classDefault: true);
    }

    private protected override TimestepSchedule BuildSchedule(int steps) => new(SpacedTimesteps(steps, roundLinspace: true), null);

    private protected override SchedulerStepResult StepAt(int index, LatentTensor modelOutput, LatentTensor sample)
    {
        var timestep = TrainIndex(FullTimesteps[index]);
        // DDIM steps back by the uniform stride, not to the next listed timestep (matters for linspace spacing).
        var previous = timestep - TrainTimesteps / InferenceSteps;
        double alphaProd = AlphasCumprod[timestep];
        var alphaProdPrev = previous >= 0 ? AlphasCumprod[previous] : _finalAlphaCumprod;
        var betaProd = 1 - alphaProd;

        var original = PredictOriginalFromAlpha(modelOutput, sample, alphaProd);
        var epsilon = Prediction switch
        {
            PredictionType.Epsilon => modelOutput,
            PredictionType.VPrediction => LatentTensor.Combine(Math.Sqrt(alphaProd), modelOutput, Math.Sqrt(betaProd), sample),
            _ => LatentTensor.Combine(1 / Math.Sqrt(betaProd), sample, -Math.Sqrt(alphaProd) / Math.Sqrt(betaProd), original),
        };
        if (_clipRange is { } range)
        {
            original = original.Clamp(-range, range);
        }

        var variance = (1 - alphaProdPrev) / betaProd * (1 - alphaProd / alphaProdPrev);
        var stdDev = _eta * Math.Sqrt(variance);
        var direction = Math.Sqrt(1 - alphaProdPrev - stdDev * stdDev);
        var previousSample = LatentTensor.Combine(Math.Sqrt(alphaProdPrev), original, direction, epsilon);
        if (_eta > 0)
        {
            previousSample = LatentTensor.Combine(1, previousSample, stdDev, Noise.NextGaussian(sample.Shape));
        }

        return new SchedulerStepResult(previousSample, original);
    }
}
