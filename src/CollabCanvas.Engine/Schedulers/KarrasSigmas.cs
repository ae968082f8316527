namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Karras et al. (2022) noise levels: N sigmas evenly spaced in sigma^(1/7) between sigma_max and sigma_min, and
/// the (fractional) training timestep each one corresponds to, found by interpolating in log-sigma.
/// </summary>
internal static class KarrasSigmas
{
    private const double Rho = 7.0;

    public static double[] Between(double sigmaMin, double sigmaMax, int count)
    {
        var ramp = NumPyCompat.Linspace(0, 1, count);
        var minInvRho = Math.Pow(sigmaMin, 1 / Rho);
        var maxInvRho = Math.Pow(sigmaMax, 1 / Rho);
        return ramp.Select(r => Math.Pow(maxInvRho + r * (minInvRho - maxInvRho), Rho)).ToArray();
    }

    /// <summary>
    /// diffusers' _sigma_to_t: the fractional index into the ascending training log-sigmas where
    /// <paramref name="sigma"/> falls.
    /// </summary>
    public static double SigmaToTimestep(double sigma, IReadOnlyList<float> logSigmas)
    {
        var logSigma = Math.Log(Math.Max(sigma, 1e-10));
        // The last index whose log-sigma is <= logSigma, kept one short of the end so there is a "high" neighbour.
        var low = 0;
        for (var i = 0; i < logSigmas.Count; i++)
        {
            if (logSigma - logSigmas[i] >= 0)
            {
                low = i;
            }
        }

        low = Math.Min(low, logSigmas.Count - 2);
        double lowLog = logSigmas[low];
        double highLog = logSigmas[low + 1];
        var w = Math.Clamp((lowLog - logSigma) / (lowLog - highLog), 0, 1);
        return (1 - w) * low + w * (low + 1);
    }
}
