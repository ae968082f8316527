namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// The training noise schedule: betas and their cumulative alpha product, computed the way diffusers does
/// (float32 values, torch's cumprod accumulating in double), since every scheduler's coefficients derive from it.
/// </summary>
internal static class BetaSchedule
{
    public static float[] AlphasCumprod(
        string schedule, int trainTimesteps, double betaStart, double betaEnd, IReadOnlyList<double>? trainedBetas, bool rescaleZeroSnr)
    {
        var betas = trainedBetas is { Count: > 0 }
            ? trainedBetas.Select(b => (float)b).ToArray()
            : Betas(schedule, trainTimesteps, betaStart, betaEnd);
        if (trainedBetas is { Count: > 0 } && trainedBetas.Count != trainTimesteps)
        {
            throw new SchedulerConfigException($"trained_betas has {trainedBetas.Count} values for {trainTimesteps} training timesteps");
        }

        if (rescaleZeroSnr)
        {
            betas = RescaleToZeroTerminalSnr(betas);
        }

        return CumulativeProduct(betas.Select(b => 1f - b).ToArray());
    }

    private static float[] Betas(string schedule, int trainTimesteps, double betaStart, double betaEnd) => schedule switch
    {
        "linear" => NumPyCompat.TorchLinspaceFloat32((float)betaStart, (float)betaEnd, trainTimesteps),
        "scaled_linear" => NumPyCompat
            .TorchLinspaceFloat32((float)Math.Sqrt(betaStart), (float)Math.Sqrt(betaEnd), trainTimesteps)
            .Select(b => b * b)
            .ToArray(),
        "squaredcos_cap_v2" => CosineBetas(trainTimesteps),
        _ => throw new SchedulerConfigException($"Unknown beta_schedule '{schedule}' (linear, scaled_linear, squaredcos_cap_v2)"),
    };

    /// <summary>Improved-DDPM cosine schedule (diffusers' betas_for_alpha_bar), betas capped at 0.999.</summary>
    private static float[] CosineBetas(int trainTimesteps)
    {
        static double AlphaBar(double t) => Math.Pow(Math.Cos((t + 0.008) / 1.008 * Math.PI / 2), 2);

        var betas = new float[trainTimesteps];
        for (var i = 0; i < trainTimesteps; i++)
        {
            var t1 = (double)i / trainTimesteps;
            var t2 = (double)(i + 1) / trainTimesteps;
            betas[i] = (float)Math.Min(1 - AlphaBar(t2) / AlphaBar(t1), 0.999);
        }

        return betas;
    }

    /// <summary>Rescales betas so the last timestep has zero SNR (Lin et al. 2023, algorithm 1).</summary>
    private static float[] RescaleToZeroTerminalSnr(float[] betas)
    {
        var alphasBarSqrt = CumulativeProduct(betas.Select(b => 1f - b).ToArray()).Select(a => Math.Sqrt(a)).ToArray();
        var first = alphasBarSqrt[0];
        var last = alphasBarSqrt[^1];
        var alphasBar = alphasBarSqrt.Select(a => Math.Pow((a - last) * first / (first - last), 2)).ToArray();
        var rescaled = new float[betas.Length];
        rescaled[0] = (float)(1 - alphasBar[0]);
        for (var i = 1; i < betas.Length; i++)
        {
            rescaled[i] = (float)(1 - alphasBar[i] / alphasBar[i - 1]);
        }

        return rescaled;
    }

    private static float[] CumulativeProduct(float[] values)
    {
        var result = new float[values.Length];
        var product = 1.0;
        for (var i = 0; i < values.Length; i++)
        {
            product *= values[i];
            result[i] = (float)product;
        }

        return result;
    }
}
