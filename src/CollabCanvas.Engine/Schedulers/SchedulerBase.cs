namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// What every scheduler shares: the training noise schedule (betas → alphas_cumprod), reading of the common options,
/// timestep spacing, img2img strength, and keeping the step index. Subclasses supply the schedule and the update rule.
/// </summary>
public abstract class SchedulerBase : IScheduler
{
    private double[] _fullTimesteps = [];
    private float[]? _sigmas;

    /// <param name="name">Our short name of the algorithm.</param>
    /// <param name="config">Options; null ones take the diffusers defaults shared by these classes unless noted.</param>
    /// <param name="noise">Source of the noise stochastic steps draw.</param>
    /// <param name="defaultSpacing">The class's default <c>timestep_spacing</c> (it differs between classes).</param>
    /// <param name="supportsZeroSnrRescale">Whether the diffusers class has <c>rescale_betas_zero_snr</c>; others ignore it, as from_config does.</param>
    private protected SchedulerBase(
        string name, SchedulerConfig config, INoiseSource noise, TimestepSpacing defaultSpacing, bool supportsZeroSnrRescale)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(noise);
        Name = name;
        Config = config;
        Noise = noise;
        TrainTimesteps = config.NumTrainTimesteps ?? 1000;
        if (TrainTimesteps < 2)
        {
            throw new SchedulerConfigException($"num_train_timesteps must be at least 2, not {TrainTimesteps}");
        }

        Prediction = ParsePrediction(config.PredictionType);
        Spacing = ParseSpacing(config.TimestepSpacing, defaultSpacing);
        StepsOffset = config.StepsOffset ?? 0;
        RejectIf(config.Thresholding == true, "thresholding (dynamic thresholding for pixel-space models)");
        RescalesToZeroSnr = supportsZeroSnrRescale && config.RescaleBetasZeroSnr == true;
        AlphasCumprod = BetaSchedule.AlphasCumprod(
            config.BetaSchedule ?? "linear", TrainTimesteps, config.BetaStart ?? 0.0001, config.BetaEnd ?? 0.02,
            config.TrainedBetas, RescalesToZeroSnr);
    }

    public string Name { get; }

    public IReadOnlyList<double> FullTimesteps => _fullTimesteps;

    public IReadOnlyList<double> Timesteps => new ArraySegment<double>(_fullTimesteps, BeginIndex, _fullTimesteps.Length - BeginIndex);

    public IReadOnlyList<float>? Sigmas => _sigmas;

    public virtual float InitNoiseSigma => 1f;

    protected SchedulerConfig Config { get; }

    protected INoiseSource Noise { get; }

    protected int TrainTimesteps { get; }

    protected PredictionType Prediction { get; }

    protected TimestepSpacing Spacing { get; }

    protected int StepsOffset { get; }

    protected bool RescalesToZeroSnr { get; }

    /// <summary>ᾱ_t for each training timestep (float32, as diffusers keeps it). Only constructors may adjust it.</summary>
    protected float[] AlphasCumprod { get; }

    /// <summary>N passed to <see cref="SetTimesteps"/>.</summary>
    protected int InferenceSteps { get; private set; }

    /// <summary>Index into <see cref="FullTimesteps"/> of the step about to run.</summary>
    protected int StepIndex { get; private set; }

    /// <summary>Index of the first timestep that runs (non-zero for img2img).</summary>
    protected int BeginIndex { get; private set; }

    public void SetTimesteps(int steps, double strength = 1.0)
    {
        if (steps < 1 || steps > TrainTimesteps)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"Steps must be between 1 and {TrainTimesteps}");
        }

        if (!(strength > 0 && strength <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(strength), strength, "Strength must be in (0, 1]");
        }

        var schedule = BuildSchedule(steps);
        // diffusers' get_timesteps; every scheduler here has order 1, so t_start indexes the timesteps directly.
        var kept = Math.Min((int)(steps * strength), steps);
        var begin = Math.Max(steps - kept, 0);
        if (begin >= schedule.Timesteps.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(strength), strength, $"Strength {strength} leaves no step of {steps}");
        }

        InferenceSteps = steps;
        _fullTimesteps = schedule.Timesteps;
        _sigmas = schedule.Sigmas;
        BeginIndex = begin;
        StepIndex = begin;
        ResetHistory();
    }

    public LatentTensor ScaleModelInput(LatentTensor sample, double timestep)
    {
        EnsureCurrentTimestep(timestep);
        return ScaleModelInputAt(StepIndex, sample);
    }

    public SchedulerStepResult Step(LatentTensor modelOutput, double timestep, LatentTensor sample)
    {
        EnsureCurrentTimestep(timestep);
        modelOutput.EnsureSameShape(sample);
        var result = StepAt(StepIndex, modelOutput, sample);
        StepIndex++;
        return result;
    }

    /// <summary>Forward diffusion q(x_t | x_0) = √ᾱ_t·x_0 + √(1−ᾱ_t)·noise, for schedulers indexed by training timestep.</summary>
    public virtual LatentTensor AddNoise(LatentTensor original, LatentTensor noise, double timestep)
    {
        double alphaProd = AlphasCumprod[TrainIndex(timestep)];
        return LatentTensor.Combine(Math.Sqrt(alphaProd), original, Math.Sqrt(1 - alphaProd), noise);
    }

    private protected abstract TimestepSchedule BuildSchedule(int steps);

    /// <summary>The update rule for step <paramref name="index"/> of <see cref="FullTimesteps"/>.</summary>
    private protected abstract SchedulerStepResult StepAt(int index, LatentTensor modelOutput, LatentTensor sample);

    private protected virtual LatentTensor ScaleModelInputAt(int index, LatentTensor sample) => sample;

    /// <summary>Forgets per-run history (multistep buffers) when a new schedule is set.</summary>
    private protected virtual void ResetHistory()
    {
    }

    /// <summary>
    /// Timesteps of the configured spacing, descending, as DDIM/DDPM/Euler compute them. Integer schedulers round
    /// linspace values; the Euler family keeps them fractional (as float32).
    /// </summary>
    private protected double[] SpacedTimesteps(int steps, bool roundLinspace)
    {
        double[] ascending;
        switch (Spacing)
        {
            case TimestepSpacing.Linspace:
                ascending = NumPyCompat.Linspace(0, TrainTimesteps - 1, steps)
                    .Select(t => roundLinspace ? NumPyCompat.Round(t) : (float)t)
                    .ToArray();
                break;
            case TimestepSpacing.Leading:
                var stride = TrainTimesteps / steps;
                ascending = Enumerable.Range(0, steps).Select(i => (double)(i * stride + StepsOffset)).ToArray();
                break;
            default:
                var ratio = (double)TrainTimesteps / steps;
                var descending = NumPyCompat.Arange(TrainTimesteps, 0, -ratio).Select(t => NumPyCompat.Round(t) - 1).ToArray();
                return descending;
        }

        Array.Reverse(ascending);
        return ascending;
    }

    /// <summary>
    /// σ = √((1−ᾱ)/ᾱ) of every training timestep, for the classes that work with noise levels. Under zero terminal SNR
    /// ᾱ_T is 0 and σ_T infinite, so ᾱ_T is first clamped to 2^-24, as diffusers does in those classes.
    /// </summary>
    private protected float[] TrainingSigmasWithFiniteEnd()
    {
        if (RescalesToZeroSnr)
        {
            AlphasCumprod[^1] = MathF.Pow(2, -24);
        }

        return AlphasCumprod.Select(a => MathF.Sqrt((1f - a) / a)).ToArray();
    }

    /// <summary>ᾱ "before" the first training step: 1 (a clean image) with set_alpha_to_one, else ᾱ_0 (what SD 1.x configures).</summary>
    private protected double FinalAlphaCumprod(bool classDefault) => (Config.SetAlphaToOne ?? classDefault) ? 1.0 : AlphasCumprod[0];

    /// <summary>The range x0 estimates are clamped to when clip_sample is on (pixel-space models), else null.</summary>
    private protected float? ClipRange(bool classDefault) =>
        (Config.ClipSample ?? classDefault) ? (float)(Config.ClipSampleRange ?? 1.0) : null;

    /// <summary>x_0 predicted from the model output at a timestep with cumulative alpha <paramref name="alphaProd"/>.</summary>
    private protected LatentTensor PredictOriginalFromAlpha(LatentTensor modelOutput, LatentTensor sample, double alphaProd)
    {
        var sqrtAlpha = Math.Sqrt(alphaProd);
        var sqrtBeta = Math.Sqrt(1 - alphaProd);
        return Prediction switch
        {
            PredictionType.Epsilon => LatentTensor.Combine(1 / sqrtAlpha, sample, -sqrtBeta / sqrtAlpha, modelOutput),
            PredictionType.VPrediction => LatentTensor.Combine(sqrtAlpha, sample, -sqrtBeta, modelOutput),
            _ => modelOutput,
        };
    }

    /// <summary>The training-timestep index of an integer timestep.</summary>
    private protected int TrainIndex(double timestep)
    {
        if (timestep != Math.Floor(timestep) || timestep < 0 || timestep >= TrainTimesteps)
        {
            throw new ArgumentOutOfRangeException(nameof(timestep), timestep, $"Not a training timestep of 0..{TrainTimesteps - 1}");
        }

        return (int)timestep;
    }

    /// <summary>diffusers' index_for_timestep: the position in the schedule, the second one if the timestep repeats.</summary>
    private protected int IndexForTimestep(double timestep)
    {
        var matches = Enumerable.Range(0, _fullTimesteps.Length).Where(i => _fullTimesteps[i] == timestep).Take(2).ToList();
        return matches.Count switch
        {
            0 => throw new ArgumentOutOfRangeException(nameof(timestep), timestep, "Not a timestep of the current schedule"),
            1 => matches[0],
            _ => matches[1],
        };
    }

    private protected static void RejectIf(bool unsupported, string option)
    {
        if (unsupported)
        {
            throw new SchedulerConfigException($"Scheduler option not implemented: {option}");
        }
    }

    private void EnsureCurrentTimestep(double timestep)
    {
        if (_fullTimesteps.Length == 0)
        {
            throw new InvalidOperationException("Call SetTimesteps before stepping");
        }

        if (StepIndex >= _fullTimesteps.Length)
        {
            throw new InvalidOperationException("All timesteps have been stepped; call SetTimesteps to start again");
        }

        if (_fullTimesteps[StepIndex] != timestep)
        {
            throw new ArgumentException(
                $"Expected timestep {_fullTimesteps[StepIndex]} (step {StepIndex}), got {timestep}", nameof(timestep));
        }
    }

    private static PredictionType ParsePrediction(string? value) => value switch
    {
        null or "epsilon" => PredictionType.Epsilon,
        "v_prediction" => PredictionType.VPrediction,
        "sample" => PredictionType.Sample,
        _ => throw new SchedulerConfigException($"Unknown prediction_type '{value}' (epsilon, v_prediction, sample)"),
    };

    private static TimestepSpacing ParseSpacing(string? value, TimestepSpacing fallback) => value switch
    {
        null => fallback,
        "leading" => TimestepSpacing.Leading,
        "trailing" => TimestepSpacing.Trailing,
        "linspace" => TimestepSpacing.Linspace,
        _ => throw new SchedulerConfigException($"Unknown timestep_spacing '{value}' (leading, trailing, linspace)"),
    };
}
