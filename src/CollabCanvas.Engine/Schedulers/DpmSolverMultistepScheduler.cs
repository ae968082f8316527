namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// DPM-Solver++ multistep (Lu et al. 2022), diffusers' DPMSolverMultistepScheduler: "DPM++ 2M" with order 2 and
/// dpmsolver++, optionally with Karras σ ("DPM++ 2M Karras"); also the original dpmsolver and the stochastic
/// sde-dpmsolver++ variants, orders 1 and 2. Class defaults: linspace spacing, order 2, dpmsolver++, midpoint,
/// lower_order_final, final σ 0.
/// </summary>
public sealed class DpmSolverMultistepScheduler : SchedulerBase
{
    private readonly int _solverOrder;
    private readonly string _algorithm;
    private readonly bool _heun;
    private readonly bool _karras;
    private readonly bool _lowerOrderFinal;
    private readonly bool _eulerAtFinal;
    private readonly bool _finalSigmaIsMinimum;
    private readonly double _lambdaMinClipped;
    private readonly float[] _trainingSigmas;
    private readonly float[] _trainingLogSigmas;
    private readonly LatentTensor?[] _modelOutputs;
    private int _lowerOrderSteps;

    public DpmSolverMultistepScheduler(SchedulerConfig config, INoiseSource noise, string name = "dpmpp-2m")
        : base(name, config, noise, TimestepSpacing.Linspace, supportsZeroSnrRescale: true)
    {
        _solverOrder = config.SolverOrder ?? 2;
        _algorithm = config.AlgorithmType ?? "dpmsolver++";
        _heun = config.SolverType == "heun";
        _karras = config.UseKarrasSigmas == true;
        _lowerOrderFinal = config.LowerOrderFinal ?? true;
        _eulerAtFinal = config.EulerAtFinal ?? false;
        _finalSigmaIsMinimum = config.FinalSigmasType == "sigma_min";
        _lambdaMinClipped = config.LambdaMinClipped ?? double.NegativeInfinity;
        RejectIf(_solverOrder is not (1 or 2), $"solver_order {_solverOrder} (orders 1 and 2 are implemented)");
        RejectIf(_algorithm is not ("dpmsolver++" or "dpmsolver" or "sde-dpmsolver++"), $"algorithm_type '{_algorithm}'");
        RejectIf(config.SolverType is not (null or "midpoint" or "heun"), $"solver_type '{config.SolverType}'");
        RejectIf(config.FinalSigmasType is not (null or "zero" or "sigma_min"), $"final_sigmas_type '{config.FinalSigmasType}'");
        RejectIf(_algorithm == "dpmsolver" && !_finalSigmaIsMinimum, "final_sigmas_type 'zero' with algorithm_type 'dpmsolver' (diffusers rejects it too)");
        RejectIf(config.VarianceType is not null, $"variance_type '{config.VarianceType}' (learned variance)");
        RejectIf(config.UseLuLambdas == true, "use_lu_lambdas");
        RejectIf(config.UseExponentialSigmas == true, "use_exponential_sigmas");
        RejectIf(config.UseBetaSigmas == true, "use_beta_sigmas");
        RejectIf(config.UseFlowSigmas == true, "use_flow_sigmas");
        RejectIf(config.UseDynamicShifting == true, "use_dynamic_shifting");
        _trainingSigmas = TrainingSigmasWithFiniteEnd();
        _trainingLogSigmas = _trainingSigmas.Select(s => (float)Math.Log(s)).ToArray();
        _modelOutputs = new LatentTensor?[_solverOrder];
    }

    private protected override TimestepSchedule BuildSchedule(int steps)
    {
        var lastTimestep = TrainTimesteps - ClippedTimestepCount();
        double[] timesteps;
        double[] sigmas;
        if (_karras)
        {
            // Karras σ over the whole training range; timesteps rounded to the nearest training step.
            sigmas = KarrasSigmas.Between(_trainingSigmas[0], _trainingSigmas[^1], steps);
            timesteps = sigmas.Select(s => NumPyCompat.Round(KarrasSigmas.SigmaToTimestep(s, _trainingLogSigmas))).ToArray();
        }
        else
        {
            timesteps = SpacedTimesteps(steps, lastTimestep);
            sigmas = timesteps.Select(t => NumPyCompat.InterpolateAtIndex(t, _trainingSigmas)).ToArray();
        }

        var finalSigma = _finalSigmaIsMinimum ? _trainingSigmas[0] : 0.0;
        return new TimestepSchedule(timesteps, sigmas.Append(finalSigma).Select(s => (float)s).ToArray());
    }

    /// <summary>How many of the noisiest training steps lambda_min_clipped cuts off (0 by default).</summary>
    private int ClippedTimestepCount()
    {
        var lambdas = AlphasCumprod.Select(a => (float)(Math.Log(Math.Sqrt(a)) - Math.Log(Math.Sqrt(1 - a)))).Reverse();
        return lambdas.Count(l => l < _lambdaMinClipped);
    }

    /// <summary>DPM-Solver's own spacing: it divides into N+1 parts and drops the last (leading and linspace).</summary>
    private double[] SpacedTimesteps(int steps, int lastTimestep) => Spacing switch
    {
        TimestepSpacing.Linspace => NumPyCompat.Linspace(0, lastTimestep - 1, steps + 1)
            .Select(NumPyCompat.Round).Reverse().Take(steps).ToArray(),
        TimestepSpacing.Leading => Enumerable.Range(0, steps + 1)
            .Select(i => (double)(i * (lastTimestep / (steps + 1)))).Reverse().Take(steps)
            .Select(t => t + StepsOffset).ToArray(),
        _ => NumPyCompat.Arange(lastTimestep, 0, -(double)TrainTimesteps / steps).Select(t => NumPyCompat.Round(t) - 1).ToArray(),
    };

    private protected override void ResetHistory()
    {
        Array.Clear(_modelOutputs);
        _lowerOrderSteps = 0;
    }

    public override LatentTensor AddNoise(LatentTensor original, LatentTensor noise, double timestep)
    {
        var (alpha, sigma) = AlphaSigma(Sigmas![IndexForTimestep(timestep)]);
        return LatentTensor.Combine(alpha, original, sigma, noise);
    }

    private protected override SchedulerStepResult StepAt(int index, LatentTensor modelOutput, LatentTensor sample)
    {
        var count = FullTimesteps.Count;
        var isLast = index == count - 1;
        // Short schedules and a final σ of 0 end with a first-order step, which is more stable there.
        // (diffusers' lower_order_second only matters from order 3, which is not implemented.)
        var lowerOrderFinal = isLast && (_eulerAtFinal || (_lowerOrderFinal && count < 15) || !_finalSigmaIsMinimum);

        var converted = ConvertModelOutput(index, modelOutput, sample);
        for (var i = 0; i < _solverOrder - 1; i++)
        {
            _modelOutputs[i] = _modelOutputs[i + 1];
        }

        _modelOutputs[^1] = converted;
        var noise = _algorithm == "sde-dpmsolver++" ? Noise.NextGaussian(sample.Shape) : null;

        var previousSample = _solverOrder == 1 || _lowerOrderSteps < 1 || lowerOrderFinal
            ? FirstOrderUpdate(index, converted, sample, noise)
            : SecondOrderUpdate(index, sample, noise);
        if (_lowerOrderSteps < _solverOrder)
        {
            _lowerOrderSteps++;
        }

        return new SchedulerStepResult(previousSample, null);
    }

    /// <summary>α_t = 1/√(σ²+1) and σ_t = σ·α_t of the variance-preserving process at noise level σ.</summary>
    private static (double Alpha, double Sigma) AlphaSigma(double sigma)
    {
        var alpha = 1 / Math.Sqrt(sigma * sigma + 1);
        return (alpha, sigma * alpha);
    }

    private static double Lambda((double Alpha, double Sigma) x) => Math.Log(x.Alpha) - Math.Log(x.Sigma);

    /// <summary>DPM-Solver++ works on the x0 estimate, DPM-Solver on the noise estimate.</summary>
    private LatentTensor ConvertModelOutput(int index, LatentTensor modelOutput, LatentTensor sample)
    {
        var (alpha, sigma) = AlphaSigma(Sigmas![index]);
        if (_algorithm == "dpmsolver")
        {
            return Prediction switch
            {
                PredictionType.Epsilon => modelOutput,
                PredictionType.VPrediction => LatentTensor.Combine(alpha, modelOutput, sigma, sample),
                _ => LatentTensor.Combine(1 / sigma, sample, -alpha / sigma, modelOutput),
            };
        }

        return Prediction switch
        {
            PredictionType.Epsilon => LatentTensor.Combine(1 / alpha, sample, -sigma / alpha, modelOutput),
            PredictionType.VPrediction => LatentTensor.Combine(alpha, sample, -sigma, modelOutput),
            _ => modelOutput,
        };
    }

    private LatentTensor FirstOrderUpdate(int index, LatentTensor m0, LatentTensor sample, LatentTensor? noise)
    {
        var t = AlphaSigma(Sigmas![index + 1]);
        var s = AlphaSigma(Sigmas[index]);
        var h = Lambda(t) - Lambda(s);
        return _algorithm switch
        {
            "dpmsolver++" => LatentTensor.Combine(t.Sigma / s.Sigma, sample, -t.Alpha * (Math.Exp(-h) - 1), m0),
            "dpmsolver" => LatentTensor.Combine(t.Alpha / s.Alpha, sample, -t.Sigma * (Math.Exp(h) - 1), m0),
            _ => LatentTensor.Combine(
                t.Sigma / s.Sigma * Math.Exp(-h), sample,
                t.Alpha * (1 - Math.Exp(-2 * h)), m0,
                t.Sigma * Math.Sqrt(1 - Math.Exp(-2 * h)), noise!),
        };
    }

    private LatentTensor SecondOrderUpdate(int index, LatentTensor sample, LatentTensor? noise)
    {
        var t = AlphaSigma(Sigmas![index + 1]);
        var s0 = AlphaSigma(Sigmas[index]);
        var s1 = AlphaSigma(Sigmas[index - 1]);
        var m0 = _modelOutputs[^1]!;
        var m1 = _modelOutputs[^2]!;
        var h = Lambda(t) - Lambda(s0);
        var r0 = (Lambda(s0) - Lambda(s1)) / h;
        // D0 = m0, D1 = (m0 − m1)/r0; the update is a·sample + b·D0 + c·D1, expanded into m0 and m1.
        double a, b, c;
        switch (_algorithm)
        {
            case "dpmsolver++":
                a = t.Sigma / s0.Sigma;
                b = -t.Alpha * (Math.Exp(-h) - 1);
                c = _heun ? t.Alpha * ((Math.Exp(-h) - 1) / h + 1) : 0.5 * b;
                break;
            case "dpmsolver":
                a = t.Alpha / s0.Alpha;
                b = -t.Sigma * (Math.Exp(h) - 1);
                c = _heun ? -t.Sigma * ((Math.Exp(h) - 1) / h - 1) : 0.5 * b;
                break;
            default:
                a = t.Sigma / s0.Sigma * Math.Exp(-h);
                b = t.Alpha * (1 - Math.Exp(-2 * h));
                c = _heun ? t.Alpha * ((1 - Math.Exp(-2 * h)) / (-2 * h) + 1) : 0.5 * b;
                break;
        }

        var terms = new List<(double, LatentTensor)> { (a, sample), (b + c / r0, m0), (-c / r0, m1) };
        if (noise is not null)
        {
            terms.Add((t.Sigma * Math.Sqrt(1 - Math.Exp(-2 * h)), noise));
        }

        return LatentTensor.Combine(terms);
    }
}
