using CollabCanvas.Engine.Schedulers;
using static CollabCanvas.Engine.Tests.Schedulers.SchedulerTestData;

namespace CollabCanvas.Engine.Tests.Schedulers;

/// <summary>Cross-checks between algorithms that must agree, and behaviours no shared vector records.</summary>
public sealed class SchedulerAlgorithmTests
{
    /// <summary>
    /// With a model output that never changes, every multistep combination (PLMS and the Runge–Kutta stages
    /// alike) has weights summing to one, so PNDM must land exactly where DDIM does over the same transitions.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pndm_with_a_constant_model_output_ends_where_ddim_does(bool skipPrkSteps)
    {
        var config = StableDiffusion15 with { SkipPrkSteps = skipPrkSteps };
        var output = Tensor(3);
        var pndm = Chain(new PndmScheduler(config, new SeededGaussianNoise(0)), output);
        var ddim = Chain(new DdimScheduler(config, new SeededGaussianNoise(0)), output);

        AssertClose(ddim, pndm, 1e-4);
    }

    private static LatentTensor Chain(IScheduler scheduler, LatentTensor output)
    {
        scheduler.SetTimesteps(10);
        var sample = Tensor(4);
        foreach (var t in scheduler.Timesteps)
        {
            sample = scheduler.Step(output, t, sample).PrevSample;
        }

        return sample;
    }

    [Fact]
    public void Pndm_warm_up_runs_three_runge_kutta_steps_of_four_evaluations()
    {
        var scheduler = new PndmScheduler(StableDiffusion15 with { SkipPrkSteps = false }, new SeededGaussianNoise(0));
        scheduler.SetTimesteps(10);

        // Leading spacing gives 901, 801, … 1; the warm-up covers 901 → 601 at whole and half strides.
        Assert.Equal([901.0, 851, 851, 801, 801, 751, 751, 701, 701, 651, 651, 601], scheduler.FullTimesteps.Take(12));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => 601.0 - 100 * i), scheduler.FullTimesteps.Skip(12));
    }

    [Fact]
    public void Pndm_with_skipped_warm_up_repeats_the_second_timestep()
    {
        var scheduler = new PndmScheduler(StableDiffusion15, new SeededGaussianNoise(0));
        scheduler.SetTimesteps(4);

        Assert.Equal([751.0, 501, 501, 251, 1], scheduler.FullTimesteps);
    }

    [Fact]
    public void Dpm_solver_first_order_is_ddim()
    {
        // DPM-Solver++(1) is DDIM written in log-SNR; compare one step between the same two noise levels.
        var config = StableDiffusion15 with { TimestepSpacing = "trailing", SolverOrder = 1, FinalSigmasType = "sigma_min" };
        var dpm = new DpmSolverMultistepScheduler(config, new SeededGaussianNoise(0));
        var ddim = new DdimScheduler(config, new SeededGaussianNoise(0));
        dpm.SetTimesteps(5);
        ddim.SetTimesteps(5);
        Assert.Equal(ddim.Timesteps, dpm.Timesteps);
        var t = dpm.Timesteps[0];
        var output = Tensor(7);
        var alpha = Math.Sqrt(AlphaCumprod((int)t));
        var sample = LatentTensor.Combine(alpha, Tensor(8), Math.Sqrt(1 - alpha * alpha), Tensor(9));

        AssertClose(ddim.Step(output, t, sample).PrevSample, dpm.Step(output, t, sample).PrevSample, 1e-4);
    }

    [Theory]
    [InlineData("dpmsolver")]
    [InlineData("sde-dpmsolver++")]
    public void Dpm_variants_run_to_a_finite_result(string algorithm)
    {
        var config = StableDiffusion15 with { AlgorithmType = algorithm, FinalSigmasType = "sigma_min", SolverType = "heun" };
        var scheduler = new DpmSolverMultistepScheduler(config, new SeededGaussianNoise(1));

        var result = Chain(scheduler, Tensor(3));

        Assert.All(result.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Dpm_solver_rejects_a_zero_final_sigma_as_diffusers_does()
    {
        Assert.Throws<SchedulerConfigException>(() =>
            new DpmSolverMultistepScheduler(StableDiffusion15 with { AlgorithmType = "dpmsolver" }, new SeededGaussianNoise(0)));
    }

    [Fact]
    public void Lcm_picks_evenly_spaced_timesteps_of_the_distillation_schedule_and_returns_the_denoised_latent_last()
    {
        var scheduler = new LcmScheduler(new SchedulerConfig(), new SeededGaussianNoise(0));
        scheduler.SetTimesteps(2);
        Assert.Equal([999.0, 499], scheduler.FullTimesteps);

        var sample = Tensor(1);
        scheduler.Step(Tensor(2), 999, sample);
        var last = scheduler.Step(Tensor(2), 499, sample);

        Assert.Same(last.Denoised, last.PrevSample);
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.SetTimesteps(51));
    }

    [Fact]
    public void Ddim_with_eta_draws_noise_and_without_does_not()
    {
        var sample = Tensor(1);
        var output = Tensor(2);
        IScheduler Make(double eta, int seed)
        {
            var scheduler = new DdimScheduler(StableDiffusion15, new SeededGaussianNoise(seed), eta);
            scheduler.SetTimesteps(10);
            return scheduler;
        }

        var deterministic = Make(0, 1).Step(output, 901, sample).PrevSample.Data;
        Assert.Equal(deterministic, Make(0, 2).Step(output, 901, sample).PrevSample.Data);
        Assert.NotEqual(Make(1, 1).Step(output, 901, sample).PrevSample.Data, Make(1, 2).Step(output, 901, sample).PrevSample.Data);
    }

    [Fact]
    public void Clip_sample_limits_the_x0_estimate()
    {
        var scheduler = new DdimScheduler(StableDiffusion15 with { ClipSample = true, ClipSampleRange = 0.5 }, new SeededGaussianNoise(0));
        scheduler.SetTimesteps(10);

        var result = scheduler.Step(Filled(-3), 901, Filled(3));

        Assert.All(result.PredOriginalSample!.Data, v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void Set_alpha_to_one_makes_the_last_ddim_step_return_x0()
    {
        var scheduler = new DdimScheduler(StableDiffusion15 with { SetAlphaToOne = true }, new SeededGaussianNoise(0));
        scheduler.SetTimesteps(2);
        var sample = Tensor(1);
        scheduler.Step(Tensor(2), 501, sample);

        var last = scheduler.Step(Tensor(2), 1, sample);

        Assert.Equal(last.PredOriginalSample!.Data, last.PrevSample.Data);
    }
}
