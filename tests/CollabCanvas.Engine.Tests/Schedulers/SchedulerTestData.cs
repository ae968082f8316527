using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Tests.Schedulers;

/// <summary>Configs and tensors for scheduler unit tests, with the noise schedule computed independently in double.</summary>
internal static class SchedulerTestData
{
    public static readonly int[] Shape = [1, 4, 2, 2];

    /// <summary>Stable Diffusion 1.5's scheduler_config.json (PNDM, scaled_linear betas, steps_offset 1).</summary>
    public static SchedulerConfig StableDiffusion15 { get; } = new()
    {
        ClassName = "PNDMScheduler",
        NumTrainTimesteps = 1000,
        BetaStart = 0.00085,
        BetaEnd = 0.012,
        BetaSchedule = "scaled_linear",
        SetAlphaToOne = false,
        SkipPrkSteps = true,
        StepsOffset = 1,
        ClipSample = false,
    };

    /// <summary>ᾱ_t of SD's scaled_linear schedule, straight from its definition.</summary>
    public static double AlphaCumprod(int timestep, double betaStart = 0.00085, double betaEnd = 0.012)
    {
        var product = 1.0;
        for (var i = 0; i <= timestep; i++)
        {
            var root = Math.Sqrt(betaStart) + (Math.Sqrt(betaEnd) - Math.Sqrt(betaStart)) * i / 999;
            product *= 1 - root * root;
        }

        return product;
    }

    public static LatentTensor Tensor(int seed) => new SeededGaussianNoise(seed).NextGaussian(Shape);

    public static LatentTensor Filled(float value) => new(Enumerable.Repeat(value, 16).ToArray(), Shape);

    public static void AssertClose(LatentTensor expected, LatentTensor actual, double tolerance = 1e-4)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var worst = expected.Data.Zip(actual.Data, (e, a) => Math.Abs((double)e - a)).Max();
        Assert.True(worst <= tolerance, $"max |difference| {worst:G6} exceeds {tolerance:G6}");
    }
}
