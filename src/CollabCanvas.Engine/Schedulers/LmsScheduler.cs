namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Linear multistep (k-diffusion's sample_lms, order 4), diffusers' LMSDiscreteScheduler: combines the last four
/// ODE derivatives with weights from integrating their Lagrange polynomials in σ. Class default: linspace spacing.
/// </summary>
public sealed class LmsScheduler : SigmaSchedulerBase
{
    private const int MaxOrder = 4;

    private readonly bool _karras;
    private readonly List<LatentTensor> _derivatives = [];

    public LmsScheduler(SchedulerConfig config, INoiseSource noise)
        : base("lms", config, noise, TimestepSpacing.Linspace, supportsZeroSnrRescale: false)
    {
        _karras = config.UseKarrasSigmas == true;
        RejectIf(config.UseExponentialSigmas == true, "use_exponential_sigmas");
        RejectIf(config.UseBetaSigmas == true, "use_beta_sigmas");
    }

    private protected override TimestepSchedule BuildSchedule(int steps)
    {
        var timesteps = SpacedTimesteps(steps, roundLinspace: false);
        var sigmas = InterpolatedSigmas(timesteps);
        if (_karras)
        {
            (sigmas, timesteps) = KarrasSchedule(sigmas, steps);
        }

        return new TimestepSchedule(timesteps.Select(t => (double)(float)t).ToArray(), WithFinalSigma(sigmas));
    }

    private protected override void ResetHistory() => _derivatives.Clear();

    private protected override SchedulerStepResult StepAt(int index, LatentTensor modelOutput, LatentTensor sample)
    {
        double sigma = CurrentSigmas[index];
        var original = PredictOriginalFromSigma(modelOutput, sample, sigma);
        _derivatives.Add(LatentTensor.Combine(1 / sigma, sample, -1 / sigma, original));
        if (_derivatives.Count > MaxOrder)
        {
            _derivatives.RemoveAt(0);
        }

        // diffusers bases the order on the step index, not on the history it has (they differ only for img2img,
        // where the surplus coefficients go unused).
        var order = Math.Min(index + 1, MaxOrder);
        var terms = new List<(double, LatentTensor)> { (1, sample) };
        for (var back = 0; back < Math.Min(order, _derivatives.Count); back++)
        {
            terms.Add((Coefficient(order, index, back), _derivatives[^(back + 1)]));
        }

        return new SchedulerStepResult(LatentTensor.Combine(terms), original);
    }

    /// <summary>
    /// ∫ from σ_t to σ_{t+1} of the Lagrange basis polynomial of the derivative <paramref name="back"/> steps ago.
    /// The polynomial has degree ≤ 3, so 3-point Gauss–Legendre is exact.
    /// </summary>
    private double Coefficient(int order, int t, int back)
    {
        double Basis(double tau)
        {
            var product = 1.0;
            for (var k = 0; k < order; k++)
            {
                if (k != back)
                {
                    product *= (tau - CurrentSigmas[t - k]) / ((double)CurrentSigmas[t - back] - CurrentSigmas[t - k]);
                }
            }

            return product;
        }

        double from = CurrentSigmas[t];
        double to = CurrentSigmas[t + 1];
        var half = (to - from) / 2;
        var middle = (to + from) / 2;
        var node = Math.Sqrt(3.0 / 5.0);
        return half * (5.0 / 9.0 * Basis(middle - half * node) + 8.0 / 9.0 * Basis(middle) + 5.0 / 9.0 * Basis(middle + half * node));
    }
}
