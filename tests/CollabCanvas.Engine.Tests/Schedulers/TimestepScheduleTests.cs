using CollabCanvas.Engine.Schedulers;
using static CollabCanvas.Engine.Tests.Schedulers.SchedulerTestData;

namespace CollabCanvas.Engine.Tests.Schedulers;

/// <summary>Timestep spacing, steps_offset and img2img strength, checked against their definitions.</summary>
public sealed class TimestepScheduleTests
{
    private static IScheduler Ddim(string spacing, int offset = 0) =>
        new DdimScheduler(StableDiffusion15 with { TimestepSpacing = spacing, StepsOffset = offset }, new SeededGaussianNoise(0));

    [Fact]
    public void Leading_spacing_counts_up_from_zero_by_the_integer_stride_plus_the_offset()
    {
        var scheduler = Ddim("leading", offset: 1);
        scheduler.SetTimesteps(10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 100.0 + 1).Reverse(), scheduler.FullTimesteps);
    }

    [Fact]
    public void Trailing_spacing_counts_down_from_the_last_training_step()
    {
        var scheduler = Ddim("trailing");
        scheduler.SetTimesteps(10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => 999.0 - 100 * i), scheduler.FullTimesteps);
    }

    [Fact]
    public void Trailing_spacing_rounds_fractional_strides()
    {
        var scheduler = Ddim("trailing");
        scheduler.SetTimesteps(3);

        // 1000, 666.67, 333.33 rounded, minus one.
        Assert.Equal([999.0, 666, 332], scheduler.FullTimesteps);
    }

    [Fact]
    public void Linspace_spacing_spans_the_training_range_rounded_for_integer_schedulers()
    {
        var scheduler = Ddim("linspace");
        scheduler.SetTimesteps(10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => Math.Round(999.0 * i / 9)).Reverse(), scheduler.FullTimesteps);
    }

    [Fact]
    public void Euler_keeps_linspace_timesteps_fractional()
    {
        var scheduler = new EulerScheduler(StableDiffusion15 with { TimestepSpacing = "linspace" }, new SeededGaussianNoise(0));
        scheduler.SetTimesteps(4);

        Assert.Equal([999.0, 666, 333, 0], scheduler.FullTimesteps);
        scheduler.SetTimesteps(7);
        Assert.Equal((float)(999.0 * 5 / 6), scheduler.FullTimesteps[1]);
    }

    [Fact]
    public void Euler_and_dpm_default_to_linspace_and_ddim_to_leading_spacing()
    {
        var bare = new SchedulerConfig { BetaSchedule = "scaled_linear", BetaStart = 0.00085, BetaEnd = 0.012 };
        var euler = SchedulerFactory.Create("euler", bare, new SeededGaussianNoise(0));
        var ddim = SchedulerFactory.Create("ddim", bare, new SeededGaussianNoise(0));
        euler.SetTimesteps(10);
        ddim.SetTimesteps(10);

        Assert.Equal(999, euler.FullTimesteps[0]);
        Assert.Equal(900, ddim.FullTimesteps[0]);
    }

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(0.6, 4)]
    [InlineData(0.55, 5)]
    [InlineData(0.25, 8)]
    public void Strength_keeps_the_last_int_steps_times_strength_timesteps(double strength, int skipped)
    {
        var scheduler = Ddim("leading", offset: 1);
        scheduler.SetTimesteps(10, strength);

        Assert.Equal(scheduler.FullTimesteps.Skip(skipped), scheduler.Timesteps);
    }

    [Fact]
    public void Img2img_starts_at_the_first_kept_timestep()
    {
        var scheduler = new EulerScheduler(StableDiffusion15 with { TimestepSpacing = "leading" }, new SeededGaussianNoise(0));
        scheduler.SetTimesteps(10, 0.5);
        var sample = Tensor(1);
        var first = scheduler.Timesteps[0];

        var result = scheduler.Step(scheduler.ScaleModelInput(sample, first), first, sample);

        Assert.NotNull(result.PrevSample);
        Assert.Throws<ArgumentException>(() => scheduler.Step(sample, scheduler.FullTimesteps[0], sample));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Step_counts_outside_the_training_range_are_rejected(int steps)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ddim("leading").SetTimesteps(steps));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(0.05)]
    [InlineData(double.NaN)]
    public void Strengths_outside_zero_to_one_or_leaving_no_step_are_rejected(double strength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ddim("leading").SetTimesteps(10, strength));
    }

    [Fact]
    public void Stepping_checks_the_order_of_timesteps()
    {
        var scheduler = Ddim("leading", offset: 1);
        var sample = Tensor(1);
        Assert.Throws<InvalidOperationException>(() => scheduler.Step(sample, 901, sample));

        scheduler.SetTimesteps(2);
        Assert.Throws<ArgumentException>(() => scheduler.Step(sample, 1, sample));
        scheduler.Step(sample, 501, sample);
        scheduler.Step(sample, 1, sample);
        Assert.Throws<InvalidOperationException>(() => scheduler.Step(sample, 1, sample));
    }

    [Fact]
    public void Setting_timesteps_again_restarts_the_run()
    {
        var scheduler = SchedulerFactory.Create("dpmpp-2m", StableDiffusion15, new SeededGaussianNoise(0));
        var sample = Tensor(1);
        var output = Tensor(2);
        scheduler.SetTimesteps(5);
        var first = scheduler.Step(output, scheduler.Timesteps[0], sample).PrevSample;
        scheduler.Step(output, scheduler.Timesteps[1], sample);

        scheduler.SetTimesteps(5);
        var again = scheduler.Step(output, scheduler.Timesteps[0], sample).PrevSample;

        Assert.Equal(first.Data, again.Data);
    }
}
