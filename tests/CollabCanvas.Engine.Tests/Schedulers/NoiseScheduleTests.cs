using CollabCanvas.Engine.Schedulers;
using static CollabCanvas.Engine.Tests.Schedulers.SchedulerTestData;

namespace CollabCanvas.Engine.Tests.Schedulers;

/// <summary>
/// Beta schedules and forward noising. DDIM's AddNoise(1, 0, t) exposes √ᾱ_t, which is compared with ᾱ computed
/// from each schedule's definition.
/// </summary>
public sealed class NoiseScheduleTests
{
    private static double SqrtAlphaCumprod(SchedulerConfig config, int timestep)
    {
        var scheduler = new DdimScheduler(config, new SeededGaussianNoise(0));
        return scheduler.AddNoise(Filled(1), Filled(0), timestep).Data[0];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    [InlineData(999)]
    public void Scaled_linear_matches_its_definition(int timestep)
    {
        Assert.Equal(Math.Sqrt(AlphaCumprod(timestep)), SqrtAlphaCumprod(StableDiffusion15, timestep), 5);
    }

    [Fact]
    public void Linear_is_the_default_with_ddpm_betas()
    {
        var expected = 1.0;
        for (var i = 0; i <= 300; i++)
        {
            expected *= 1 - (0.0001 + (0.02 - 0.0001) * i / 999);
        }

        Assert.Equal(Math.Sqrt(expected), SqrtAlphaCumprod(new SchedulerConfig(), 300), 5);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(600)]
    public void Squared_cosine_follows_the_cosine_alpha_bar(int timestep)
    {
        static double AlphaBar(double t) => Math.Pow(Math.Cos((t + 0.008) / 1.008 * Math.PI / 2), 2);
        var config = new SchedulerConfig { BetaSchedule = "squaredcos_cap_v2" };

        // The product of 1 − β_i telescopes to ᾱ((t+1)/T) / ᾱ(0) while no beta hits the 0.999 cap.
        Assert.Equal(Math.Sqrt(AlphaBar((timestep + 1) / 1000.0) / AlphaBar(0)), SqrtAlphaCumprod(config, timestep), 5);
    }

    [Fact]
    public void Trained_betas_replace_the_schedule()
    {
        var config = new SchedulerConfig { NumTrainTimesteps = 10, TrainedBetas = Enumerable.Repeat(0.1, 10).ToArray() };

        Assert.Equal(Math.Sqrt(Math.Pow(0.9, 4)), SqrtAlphaCumprod(config, 3), 6);
    }

    [Fact]
    public void Trained_betas_of_the_wrong_length_are_rejected()
    {
        var config = new SchedulerConfig { NumTrainTimesteps = 10, TrainedBetas = [0.1, 0.2] };

        Assert.Throws<SchedulerConfigException>(() => new DdimScheduler(config, new SeededGaussianNoise(0)));
    }

    [Fact]
    public void Zero_terminal_snr_makes_the_last_timestep_pure_noise()
    {
        var config = StableDiffusion15 with { RescaleBetasZeroSnr = true };

        Assert.Equal(0, SqrtAlphaCumprod(config, 999), 6);
        Assert.Equal(Math.Sqrt(AlphaCumprod(0)), SqrtAlphaCumprod(config, 0), 5);
    }

    [Fact]
    public void Zero_terminal_snr_keeps_euler_sigmas_finite()
    {
        var scheduler = new EulerScheduler(StableDiffusion15 with { RescaleBetasZeroSnr = true, TimestepSpacing = "trailing" },
            new SeededGaussianNoise(0));
        scheduler.SetTimesteps(4);

        // ᾱ is clamped to 2^-24 as in diffusers: σ = √((1 − 2^-24) / 2^-24) ≈ 4096.
        Assert.Equal(4096, scheduler.Sigmas![0], 0);
        Assert.True(float.IsFinite(scheduler.InitNoiseSigma));
    }

    [Theory]
    [InlineData("euler")]
    [InlineData("lms")]
    [InlineData("euler-a")]
    public void Sigma_schedulers_noise_by_sigma_and_scale_the_unet_input(string name)
    {
        var scheduler = SchedulerFactory.Create(name, StableDiffusion15 with { TimestepSpacing = "leading" }, new SeededGaussianNoise(0));
        scheduler.SetTimesteps(10);
        var t = scheduler.Timesteps[0];
        double sigma = scheduler.Sigmas![0];

        Assert.Equal(1 + 2 * sigma, scheduler.AddNoise(Filled(1), Filled(2), t).Data[0], 4);
        Assert.Equal(1 / Math.Sqrt(sigma * sigma + 1), scheduler.ScaleModelInput(Filled(1), t).Data[0], 6);
        // σ at a training timestep is √((1 − ᾱ)/ᾱ).
        Assert.Equal(Math.Sqrt((1 - AlphaCumprod((int)t)) / AlphaCumprod((int)t)), sigma, 4);
        Assert.Equal(0, scheduler.Sigmas[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.AddNoise(Filled(1), Filled(2), t + 0.5));
    }

    [Fact]
    public void Init_noise_sigma_is_the_largest_sigma_with_linspace_and_adds_one_in_quadrature_with_leading()
    {
        var linspace = new EulerScheduler(StableDiffusion15 with { TimestepSpacing = "linspace" }, new SeededGaussianNoise(0));
        var leading = new EulerScheduler(StableDiffusion15 with { TimestepSpacing = "leading" }, new SeededGaussianNoise(0));
        linspace.SetTimesteps(10);
        leading.SetTimesteps(10);

        Assert.Equal(linspace.Sigmas!.Max(), linspace.InitNoiseSigma);
        Assert.Equal(Math.Sqrt(Math.Pow(leading.Sigmas!.Max(), 2) + 1), leading.InitNoiseSigma, 4);
        Assert.Equal(1f, new DdimScheduler(StableDiffusion15, new SeededGaussianNoise(0)).InitNoiseSigma);
    }

    [Fact]
    public void Dpm_noises_in_variance_preserving_form()
    {
        var scheduler = SchedulerFactory.Create("dpmpp-2m", StableDiffusion15, new SeededGaussianNoise(0));
        scheduler.SetTimesteps(10);
        double sigma = scheduler.Sigmas![2];
        var alpha = 1 / Math.Sqrt(sigma * sigma + 1);

        Assert.Equal(alpha + 2 * sigma * alpha, scheduler.AddNoise(Filled(1), Filled(2), scheduler.Timesteps[2]).Data[0], 5);
        Assert.Equal(1f, scheduler.InitNoiseSigma);
    }

    [Fact]
    public void Karras_sigmas_follow_the_rho_7_ramp_between_the_end_points()
    {
        var scheduler = SchedulerFactory.Create("dpmpp-2m-karras", StableDiffusion15, new SeededGaussianNoise(0));
        scheduler.SetTimesteps(12);
        var sigmas = scheduler.Sigmas!;
        var first = Math.Pow(sigmas[0], 1 / 7.0);
        var last = Math.Pow(sigmas[^2], 1 / 7.0);

        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(first + (last - first) * i / 11, Math.Pow(sigmas[i], 1 / 7.0), 5);
        }

        // DPM's Karras range is the whole training range: σ_max at t = 999.
        Assert.Equal(Math.Sqrt((1 - AlphaCumprod(999)) / AlphaCumprod(999)), sigmas[0], 3);
        Assert.Equal(999, scheduler.Timesteps[0]);
        Assert.All(scheduler.Timesteps, t => Assert.Equal(Math.Round(t), t));
    }
}
