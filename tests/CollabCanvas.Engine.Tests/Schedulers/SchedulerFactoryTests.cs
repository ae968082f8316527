using CollabCanvas.Engine.Schedulers;
using static CollabCanvas.Engine.Tests.Schedulers.SchedulerTestData;

namespace CollabCanvas.Engine.Tests.Schedulers;

public sealed class SchedulerFactoryTests
{
    [Fact]
    public void Offers_the_names_the_app_uses()
    {
        Assert.Equal(
            ["ddim", "ddpm", "dpmpp-2m", "dpmpp-2m-karras", "euler", "euler-a", "lcm", "lms", "pndm"],
            SchedulerFactory.Names);
    }

    [Theory]
    [InlineData("ddim", typeof(DdimScheduler))]
    [InlineData("euler", typeof(EulerScheduler))]
    [InlineData("euler-a", typeof(EulerAncestralScheduler))]
    [InlineData("dpmpp-2m", typeof(DpmSolverMultistepScheduler))]
    [InlineData("dpmpp-2m-karras", typeof(DpmSolverMultistepScheduler))]
    [InlineData("ddpm", typeof(DdpmScheduler))]
    [InlineData("lcm", typeof(LcmScheduler))]
    [InlineData("pndm", typeof(PndmScheduler))]
    [InlineData("lms", typeof(LmsScheduler))]
    [InlineData("EULER-A", typeof(EulerAncestralScheduler))]
    public void Creates_each_scheduler_by_short_name(string name, Type expected)
    {
        var scheduler = SchedulerFactory.Create(name, StableDiffusion15, new SeededGaussianNoise(0));

        Assert.IsType(expected, scheduler);
        Assert.Equal(name.ToLowerInvariant(), scheduler.Name);
    }

    [Theory]
    [InlineData("DDIMScheduler", "ddim")]
    [InlineData("EulerDiscreteScheduler", "euler")]
    [InlineData("EulerAncestralDiscreteScheduler", "euler-a")]
    [InlineData("DPMSolverMultistepScheduler", "dpmpp-2m")]
    [InlineData("DDPMScheduler", "ddpm")]
    [InlineData("LCMScheduler", "lcm")]
    [InlineData("PNDMScheduler", "pndm")]
    [InlineData("LMSDiscreteScheduler", "lms")]
    public void Maps_diffusers_class_names_to_ours(string className, string expected)
    {
        var scheduler = SchedulerFactory.Create(className, StableDiffusion15, new SeededGaussianNoise(0));

        Assert.Equal(expected, scheduler.Name);
    }

    [Fact]
    public void The_diffusers_class_honours_the_configs_karras_flag_and_the_short_names_fix_it()
    {
        var karrasConfig = StableDiffusion15 with { UseKarrasSigmas = true };
        var byClass = SchedulerFactory.Create("DPMSolverMultistepScheduler", karrasConfig, new SeededGaussianNoise(0));
        var plain = SchedulerFactory.Create("dpmpp-2m", karrasConfig, new SeededGaussianNoise(0));
        var karras = SchedulerFactory.Create("dpmpp-2m-karras", StableDiffusion15, new SeededGaussianNoise(0));
        foreach (var scheduler in new[] { byClass, plain, karras })
        {
            scheduler.SetTimesteps(10);
        }

        Assert.Equal("dpmpp-2m-karras", byClass.Name);
        Assert.Equal(karras.Sigmas, byClass.Sigmas);
        Assert.NotEqual(karras.Sigmas, plain.Sigmas);
    }

    [Fact]
    public void The_model_default_comes_from_the_class_name()
    {
        var scheduler = SchedulerFactory.CreateDefault(StableDiffusion15, new SeededGaussianNoise(0));

        Assert.IsType<PndmScheduler>(scheduler);
        Assert.Throws<SchedulerConfigException>(() =>
            SchedulerFactory.CreateDefault(StableDiffusion15 with { ClassName = null }, new SeededGaussianNoise(0)));
    }

    [Theory]
    [InlineData("heun")]
    [InlineData("")]
    [InlineData("UniPCMultistepScheduler")]
    public void Unknown_names_throw_naming_the_known_ones(string name)
    {
        var error = Assert.Throws<UnknownSchedulerException>(() =>
            SchedulerFactory.Create(name, StableDiffusion15, new SeededGaussianNoise(0)));

        Assert.Equal(name, error.Name);
        Assert.Contains("euler-a", error.Message);
    }

    public static TheoryData<string, SchedulerConfig> UnsupportedOptions() => new()
    {
        { "ddim", StableDiffusion15 with { Thresholding = true } },
        { "ddim", StableDiffusion15 with { TimestepSpacing = "uniform" } },
        { "ddim", StableDiffusion15 with { PredictionType = "flow_prediction" } },
        { "ddim", StableDiffusion15 with { BetaSchedule = "sigmoid" } },
        { "euler", StableDiffusion15 with { UseExponentialSigmas = true } },
        { "euler", StableDiffusion15 with { InterpolationType = "log_linear" } },
        { "euler-a", StableDiffusion15 with { PredictionType = "sample" } },
        { "lms", StableDiffusion15 with { UseBetaSigmas = true } },
        { "pndm", StableDiffusion15 with { PredictionType = "sample" } },
        { "ddpm", StableDiffusion15 with { VarianceType = "learned_range" } },
        { "DPMSolverMultistepScheduler", StableDiffusion15 with { SolverOrder = 3 } },
        { "DPMSolverMultistepScheduler", StableDiffusion15 with { AlgorithmType = "sde-dpmsolver" } },
        { "dpmpp-2m", StableDiffusion15 with { UseLuLambdas = true } },
    };

    [Theory]
    [MemberData(nameof(UnsupportedOptions))]
    public void Options_not_implemented_throw_instead_of_being_ignored(string name, SchedulerConfig config)
    {
        Assert.Throws<SchedulerConfigException>(() => SchedulerFactory.Create(name, config, new SeededGaussianNoise(0)));
    }
}
