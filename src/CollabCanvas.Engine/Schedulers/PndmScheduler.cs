namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Pseudo numerical methods (Liu et al. 2022), diffusers' PNDMScheduler, Stable Diffusion 1.x's default.
/// With skip_prk_steps (as SD configures it) only the linear multistep (PLMS) part runs: N+1 steps, the second
/// timestep twice, because the first PLMS step needs a second model evaluation. Without it, three Runge–Kutta
/// (PRK) steps of four evaluations each come first. Class defaults: leading spacing, skip_prk_steps false.
/// </summary>
public sealed class PndmScheduler : SchedulerBase
{
    private const int PndmOrder = 4;

    private readonly bool _skipPrkSteps;
    private readonly double _finalAlphaCumprod;
    private readonly List<LatentTensor> _modelOutputs = [];
    private int _counter;
    private LatentTensor? _firstSample;
    private LatentTensor? _runningModelOutput;

    public PndmScheduler(SchedulerConfig config, INoiseSource noise)
        : base("pndm", config, noise, TimestepSpacing.Leading, supportsZeroSnrRescale: false)
    {
        _skipPrkSteps = config.SkipPrkSteps ?? false;
        _finalAlphaCumprod = FinalAlphaCumprod(classDefault: false);
        RejectIf(Prediction == PredictionType.Sample, "prediction_type 'sample' (diffusers' PNDM supports epsilon and v_prediction)");
    }

    private int Stride => TrainTimesteps / InferenceSteps;

    /// <summary>Three Runge–Kutta steps of four model evaluations each, unless skipped.</summary>
    private int RungeKuttaEvaluations => _skipPrkSteps ? 0 : 3 * PndmOrder;

    private protected override TimestepSchedule BuildSchedule(int steps)
    {
        var ascending = SpacedTimesteps(steps, roundLinspace: true).Reverse().ToArray();
        double[] timesteps;
        if (_skipPrkSteps)
        {
            // ascending[:-1], ascending[-2], ascending[-1], reversed: the second timestep repeats.
            timesteps = ascending[..^1].Append(ascending[^2]).Append(ascending[^1]).Reverse().ToArray();
        }
        else
        {
            RejectIf(ascending.Length < PndmOrder, $"fewer than {PndmOrder} steps with Runge–Kutta warm-up (skip_prk_steps false)");
            var halfStride = TrainTimesteps / steps / 2;
            // Each of the last four timesteps at t and t + half a stride, then each middle point repeated (RK4 stages).
            var stages = ascending[^PndmOrder..].SelectMany(t => new[] { t, t + halfStride }).ToArray();
            var prk = stages[..^1].SelectMany(t => new[] { t, t }).ToArray()[1..^1].Reverse().ToArray();
            var plms = ascending[..^3].Reverse();
            timesteps = prk.Concat(plms).ToArray();
        }

        return new TimestepSchedule(timesteps, null);
    }

    private protected override void ResetHistory()
    {
        _modelOutputs.Clear();
        _counter = 0;
        _firstSample = null;
        _runningModelOutput = null;
    }

    private protected override SchedulerStepResult StepAt(int index, LatentTensor modelOutput, LatentTensor sample)
    {
        var timestep = TrainIndex(FullTimesteps[index]);
        var previousSample = _counter < RungeKuttaEvaluations
            ? RungeKuttaStep(timestep, modelOutput, sample)
            : LinearMultistepStep(timestep, modelOutput, sample);
        _counter++;
        return new SchedulerStepResult(previousSample, null);
    }

    /// <summary>One of the four stages of a pseudo Runge–Kutta step; the fourth one moves the sample.</summary>
    private LatentTensor RungeKuttaStep(int timestep, LatentTensor modelOutput, LatentTensor sample)
    {
        var previousTimestep = timestep - (_counter % 2 == 1 ? 0 : Stride / 2);
        var stageStart = TrainIndex(FullTimesteps[_counter / 4 * 4]);
        var stage = _counter % 4;
        if (stage == 0)
        {
            _runningModelOutput = modelOutput.Scale(1.0 / 6);
            _modelOutputs.Add(modelOutput);
            _firstSample = sample;
        }
        else if (stage is 1 or 2)
        {
            _runningModelOutput = LatentTensor.Combine(1, _runningModelOutput!, 1.0 / 3, modelOutput);
        }
        else
        {
            modelOutput = LatentTensor.Combine(1, _runningModelOutput!, 1.0 / 6, modelOutput);
            _runningModelOutput = null;
        }

        return PreviousSample(_firstSample ?? sample, stageStart, previousTimestep, modelOutput);
    }

    /// <summary>PLMS: an Adams–Bashforth combination of up to four past model outputs.</summary>
    private LatentTensor LinearMultistepStep(int timestep, LatentTensor modelOutput, LatentTensor sample)
    {
        var previousTimestep = timestep - Stride;
        if (_counter != 1)
        {
            if (_modelOutputs.Count > 3)
            {
                _modelOutputs.RemoveRange(0, _modelOutputs.Count - 3);
            }

            _modelOutputs.Add(modelOutput);
        }
        else
        {
            // The repeated second timestep: re-run the first step with the average of both evaluations.
            previousTimestep = timestep;
            timestep += Stride;
        }

        var e = _modelOutputs;
        LatentTensor combined;
        if (e.Count == 1 && _counter == 0)
        {
            combined = modelOutput;
            _firstSample = sample;
        }
        else if (e.Count == 1 && _counter == 1)
        {
            combined = LatentTensor.Combine(0.5, modelOutput, 0.5, e[^1]);
            sample = _firstSample!;
            _firstSample = null;
        }
        else if (e.Count == 2)
        {
            combined = LatentTensor.Combine(1.5, e[^1], -0.5, e[^2]);
        }
        else if (e.Count == 3)
        {
            combined = LatentTensor.Combine(23.0 / 12, e[^1], -16.0 / 12, e[^2], 5.0 / 12, e[^3]);
        }
        else
        {
            combined = LatentTensor.Combine([(55.0 / 24, e[^1]), (-59.0 / 24, e[^2]), (37.0 / 24, e[^3]), (-9.0 / 24, e[^4])]);
        }

        return PreviousSample(sample, timestep, previousTimestep, combined);
    }

    /// <summary>Formula (9) of the PNDM paper: x_{t−δ} from x_t and the (combined) noise estimate.</summary>
    private LatentTensor PreviousSample(LatentTensor sample, int timestep, int previousTimestep, LatentTensor modelOutput)
    {
        double alphaProd = AlphasCumprod[timestep];
        var alphaProdPrev = previousTimestep >= 0 ? AlphasCumprod[previousTimestep] : _finalAlphaCumprod;
        var betaProd = 1 - alphaProd;
        var betaProdPrev = 1 - alphaProdPrev;
        if (Prediction == PredictionType.VPrediction)
        {
            modelOutput = LatentTensor.Combine(Math.Sqrt(alphaProd), modelOutput, Math.Sqrt(betaProd), sample);
        }

        var sampleCoefficient = Math.Sqrt(alphaProdPrev / alphaProd);
        var denominator = alphaProd * Math.Sqrt(betaProdPrev) + Math.Sqrt(alphaProd * betaProd * alphaProdPrev);
        return LatentTensor.Combine(sampleCoefficient, sample, -(alphaProdPrev - alphaProd) / denominator, modelOutput);
    }
}
