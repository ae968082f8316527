namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// The few numpy / torch routines diffusers builds its schedules with, reproduced operation for operation,
/// because their rounding decides integer timesteps (e.g. a 0.5 landing on one side of round-half-even).
/// </summary>
internal static class NumPyCompat
{
    /// <summary>numpy.linspace in float64: i·step + start, with the endpoint set exactly.</summary>
    public static double[] Linspace(double start, double stop, int count, bool endpoint = true)
    {
        var values = new double[count];
        var divisions = endpoint ? count - 1 : count;
        var step = divisions > 0 ? (stop - start) / divisions : 0.0;
        for (var i = 0; i < count; i++)
        {
            values[i] = i * step + start;
        }

        if (endpoint && count > 1)
        {
            values[^1] = stop;
        }

        return values;
    }

    /// <summary>
    /// numpy.arange for floats: length ceil((stop-start)/step), values start + i·delta where numpy takes
    /// delta = (start + step) - start.
    /// </summary>
    public static double[] Arange(double start, double stop, double step)
    {
        var length = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var values = new double[length];
        var delta = start + step - start;
        for (var i = 0; i < length; i++)
        {
            values[i] = start + i * delta;
        }

        return values;
    }

    /// <summary>numpy.round: half to even.</summary>
    public static double Round(double value) => Math.Round(value, MidpointRounding.ToEven);

    /// <summary>numpy.interp of <paramref name="x"/> over the table fp[0], fp[1], … sampled at 0, 1, 2, ….</summary>
    public static double InterpolateAtIndex(double x, IReadOnlyList<float> fp)
    {
        if (x <= 0)
        {
            return fp[0];
        }

        var last = fp.Count - 1;
        if (x >= last)
        {
            return fp[last];
        }

        var j = (int)Math.Floor(x);
        var slope = (double)fp[j + 1] - fp[j];
        return slope * (x - j) + fp[j];
    }

    /// <summary>
    /// torch.linspace in float32 on the CPU: the first half counts up from start, the second half down from end,
    /// so both ends are exact.
    /// </summary>
    public static float[] TorchLinspaceFloat32(float start, float end, int count)
    {
        var values = new float[count];
        var step = count > 1 ? (end - start) / (count - 1) : 0f;
        var halfway = count / 2;
        for (var i = 0; i < count; i++)
        {
            values[i] = i < halfway ? start + step * i : end - step * (count - i - 1);
        }

        return values;
    }
}
