namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Latent consistency model sampling (Luo et al. 2023), diffusers' LCMScheduler: each step jumps to a denoised
/// estimate and re-noises it to the next timestep (no noise after the last). Timesteps are picked from the
/// distillation schedule of original_inference_steps. Class defaults: scaled_linear betas 0.00085–0.012,
/// set_alpha_to_one true, timestep_scaling 10.
/// </summary>
public sealed class LcmScheduler : SchedulerBase
{
    private const double SigmaData = 0.5;

    private readonly int _originalSteps;
    private readonly double _timestepScaling;
    private readonly double _finalAlphaCumprod;
    private readonly float? _clipRange;

    public LcmScheduler(SchedulerConfig config, INoiseSource noise)
        : base("lcm", WithLcmBetaDefaults(config), noise, TimestepSpacing.Leading, supportsZeroSnrRescale: true)
    {
        _originalSteps = config.OriginalInferenceSteps ?? 50;
        _timestepScaling = config.TimestepScaling ?? 10.0;
        _finalAlphaCumprod = FinalAlphaCumprod(classDefault: true);
        _clipRange = ClipRange(classDefault: false);
        if (_originalSteps < 1 || _originalSteps > TrainTimesteps)
        {
            throw new SchedulerConfigException($"original_inference_steps {_originalSteps} is outside 1..{TrainTimesteps}");
        }
    }

    private static SchedulerConfig WithLcmBetaDefaults(SchedulerConfig config) => config with
    {
        BetaStart = config.BetaStart ?? 0.00085,
        BetaEnd = config.BetaEnd ?? 0.012,
        BetaSchedule = config.BetaSchedule ?? "scaled_linear",
    };

    private protected override TimestepSchedule BuildSchedule(int steps)
    {
        if (steps > _originalSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"LCM runs at most original_inference_steps ({_originalSteps}) steps");
        }

        // The distillation schedule k-1, 2k-1, … T-1, walked from the top at evenly spaced (floored) positions.
        var k = TrainTimesteps / _originalSteps;
        var distilled = Enumerable.Range(1, _originalSteps).Select(i => i * k - 1).Reverse().ToArray();
        var positions = NumPyCompat.Linspace(0, distilled.Length, steps, endpoint: false);
        var timesteps = positions.Select(p => (double)distilled[(int)Math.Floor(p)]).ToArray();
        return new TimestepSchedule(timesteps, null);
    }

    private protected override SchedulerStepResult StepAt(int index, LatentTensor modelOutput, LatentTensor sample)
    {
        var timestep = TrainIndex(FullTimesteps[index]);
        var previousTimestep = index + 1 < FullTimesteps.Count ? TrainIndex(FullTimesteps[index + 1]) : timestep;
        double alphaProd = AlphasCumprod[timestep];
        var alphaProdPrev = previousTimestep >= 0 ? AlphasCumprod[previousTimestep] : _finalAlphaCumprod;

        // Boundary-condition scalings: c_skip → 1, c_out → 0 as t → 0, so the model is the identity at t = 0.
        var scaled = timestep * _timestepScaling;
        var cSkip = SigmaData * SigmaData / (scaled * scaled + SigmaData * SigmaData);
        var cOut = scaled / Math.Sqrt(scaled * scaled + SigmaData * SigmaData);

        var original = PredictOriginalFromAlpha(modelOutput, sample, alphaProd);
        if (_clipRange is { } range)
        {
            original = original.Clamp(-range, range);
        }

        var denoised = LatentTensor.Combine(cOut, original, cSkip, sample);
        var previousSample = index == InferenceSteps - 1
            ? denoised
            : LatentTensor.Combine(Math.Sqrt(alphaProdPrev), denoised, Math.Sqrt(1 - alphaProdPrev), Noise.NextGaussian(sample.Shape));
        return new SchedulerStepResult(previousSample, original, denoised);
    }
}
