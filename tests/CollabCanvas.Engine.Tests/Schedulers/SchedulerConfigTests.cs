using System.Text.Json;
using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Tests.Schedulers;

public sealed class SchedulerConfigTests
{
    [Fact]
    public void Reads_a_diffusers_scheduler_config()
    {
        var config = Parse("""
            {
              "_class_name": "DPMSolverMultistepScheduler",
              "_diffusers_version": "0.27.0",
              "beta_start": 0.00085,
              "beta_schedule": "scaled_linear",
              "trained_betas": null,
              "use_karras_sigmas": true,
              "solver_order": 2,
              "lambda_min_clipped": "-Infinity",
              "variance_type": null,
              "future_option": 3
            }
            """);

        Assert.Equal("DPMSolverMultistepScheduler", config.ClassName);
        Assert.Equal(0.00085, config.BetaStart);
        Assert.Equal("scaled_linear", config.BetaSchedule);
        Assert.Null(config.TrainedBetas);
        Assert.True(config.UseKarrasSigmas);
        Assert.Equal(2, config.SolverOrder);
        Assert.Equal(double.NegativeInfinity, config.LambdaMinClipped);
        Assert.Null(config.VarianceType);
        Assert.Null(config.BetaEnd);
        Assert.Equal(["future_option"], config.UnrecognizedKeys);
    }

    [Theory]
    [InlineData("""{ "steps_offset": "one" }""")]
    [InlineData("""{ "clip_sample": 1 }""")]
    [InlineData("""{ "beta_start": [0.1] }""")]
    [InlineData("""[1, 2]""")]
    public void Values_of_the_wrong_type_are_rejected(string json)
    {
        Assert.Throws<SchedulerConfigException>(() => Parse(json));
    }

    [Fact]
    public void Load_names_the_file_it_cannot_read()
    {
        var path = Path.Combine(Path.GetTempPath(), "cc-scheduler-" + Guid.NewGuid().ToString("N") + ".json");
        var missing = Assert.Throws<SchedulerConfigException>(() => SchedulerConfig.Load(path));
        Assert.Contains(path, missing.Message);

        File.WriteAllText(path, "{ \"beta_start\": ");
        try
        {
            var corrupt = Assert.Throws<SchedulerConfigException>(() => SchedulerConfig.Load(path));
            Assert.Contains(path, corrupt.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_reads_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "cc-scheduler-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{ "_class_name": "PNDMScheduler", "skip_prk_steps": true }""");
        try
        {
            var config = SchedulerConfig.Load(path);
            Assert.Equal("PNDMScheduler", config.ClassName);
            Assert.True(config.SkipPrkSteps);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SchedulerConfig Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SchedulerConfig.FromJson(document.RootElement);
    }
}
