using CollabCanvas.Engine.Schedulers;
using static CollabCanvas.Engine.Tests.Schedulers.SchedulerTestData;

namespace CollabCanvas.Engine.Tests.Schedulers;

/// <summary>
/// A model that predicts ε, v or x0 of the same (x0, ε) pair must lead every scheduler to the same step:
/// the parameterisations differ only in what the UNet outputs.
/// </summary>
public sealed class PredictionTypeTests
{
    public static TheoryData<string, string> SchedulersAndPredictions() => new()
    {
        { "ddim", "v_prediction" }, { "ddim", "sample" },
        { "ddpm", "v_prediction" }, { "ddpm", "sample" },
        { "lcm", "v_prediction" }, { "lcm", "sample" },
        { "pndm", "v_prediction" },
        { "euler", "v_prediction" }, { "euler", "sample" },
        { "euler-a", "v_prediction" },
        { "lms", "v_prediction" }, { "lms", "sample" },
        { "dpmpp-2m", "v_prediction" }, { "dpmpp-2m", "sample" },
    };

    [Theory]
    [MemberData(nameof(SchedulersAndPredictions))]
    public void Every_parameterisation_of_the_same_prediction_gives_the_same_step(string name, string prediction)
    {
        var clean = Tensor(11);
        var noise = Tensor(12);
        // PNDM (like diffusers) combines raw v outputs of several timesteps before converting them, so the
        // parameterisations agree only on its first step.
        var steps = name == "pndm" ? 1 : 3;
        var reference = Run(name, "epsilon", clean, noise, steps);
        var other = Run(name, prediction, clean, noise, steps);

        for (var step = 0; step < reference.Count; step++)
        {
            AssertClose(reference[step], other[step], 2e-4);
        }
    }

    /// <summary>
    /// The outputs of the first <paramref name="steps"/> steps, each started from a latent built of <paramref name="clean"/> and <paramref name="noise"/>
    /// at that step's noise level, the model predicting exactly them.
    /// </summary>
    private static List<LatentTensor> Run(string name, string prediction, LatentTensor clean, LatentTensor noise, int steps)
    {
        var config = StableDiffusion15 with { PredictionType = prediction, TimestepSpacing = "trailing" };
        var scheduler = SchedulerFactory.Create(name, config, new SeededGaussianNoise(5));
        scheduler.SetTimesteps(8);
        var outputs = new List<LatentTensor>();
        for (var i = 0; i < steps; i++)
        {
            var t = scheduler.Timesteps[i];
            var (alpha, sigma) = AlphaSigma(scheduler, i);
            // k-diffusion schedulers hold x0 + σε; the others the variance-preserving α·x0 + σ_t·ε.
            var sample = scheduler.Sigmas is { } sigmas && name != "dpmpp-2m"
                ? LatentTensor.Combine(1, clean, sigmas[i], noise)
                : LatentTensor.Combine(alpha, clean, sigma, noise);
            var output = prediction switch
            {
                "epsilon" => noise,
                "sample" => clean,
                _ => LatentTensor.Combine(alpha, noise, -sigma, clean),
            };
            scheduler.ScaleModelInput(sample, t);
            outputs.Add(scheduler.Step(output, t, sample).PrevSample);
        }

        return outputs;
    }

    /// <summary>√ᾱ and √(1−ᾱ) at step <paramref name="index"/>: from σ where the scheduler has σ, else from the timestep.</summary>
    private static (double Alpha, double Sigma) AlphaSigma(IScheduler scheduler, int index)
    {
        if (scheduler.Sigmas is { } sigmas)
        {
            double s = sigmas[index];
            var alpha = 1 / Math.Sqrt(s * s + 1);
            return (alpha, s * alpha);
        }

        var alphaProd = AlphaCumprod((int)scheduler.Timesteps[index]);
        return (Math.Sqrt(alphaProd), Math.Sqrt(1 - alphaProd));
    }
}
