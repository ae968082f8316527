using System.Text.Json;
using CollabCanvas.Engine.Schedulers;
using CollabCanvas.Engine.Tests.Tokenization;

namespace CollabCanvas.Engine.Tests.Schedulers;

/// <summary>
/// Replays every reference vector recorded from diffusers (env CC_SCHEDULER_VECTORS, default ../shared/scheduler-vectors)
/// step by step, within the README's tolerances. A vector naming a scheduler or option we do not implement fails.
/// </summary>
public sealed class SchedulerVectorConformanceTests
{
    private const double ScheduleRelativeTolerance = 1e-5;
    private const double TensorTolerance = 1e-4;

    private static string VectorDirectory => SharedData.Resolve("CC_SCHEDULER_VECTORS", "../shared/scheduler-vectors");

    public static TheoryData<string> VectorFiles()
    {
        var files = Directory.GetFiles(VectorDirectory, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(VectorDirectory, f))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(files);
        return new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Scheduler_matches_diffusers(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(VectorDirectory, file)));
        var vector = new SchedulerVectorFile(document.RootElement);
        var root = vector.Root;
        var noise = new RecordedNoise();
        var scheduler = CreateScheduler(root, noise);

        var steps = root.GetProperty("num_inference_steps").GetInt32();
        var strength = root.GetProperty("strength") is { ValueKind: JsonValueKind.Number } s ? s.GetDouble() : 1.0;
        scheduler.SetTimesteps(steps, strength);

        AssertClose("full_timesteps", vector.Numbers("full_timesteps")!, scheduler.FullTimesteps,
            exact: root.GetProperty("timesteps_dtype").GetString() == "int64");
        AssertClose("timesteps", vector.Numbers("timesteps")!, scheduler.Timesteps, exact: false);
        AssertSigmas(vector.Numbers("sigmas"), scheduler.Sigmas);
        AssertClose("init_noise_sigma", [SchedulerVectorFile.Number(root.GetProperty("init_noise_sigma"))], [scheduler.InitNoiseSigma], exact: false);

        if (root.GetProperty("img2img") is { ValueKind: JsonValueKind.Object } img2img)
        {
            var noised = scheduler.AddNoise(
                vector.Tensor(img2img, "image_latent")!, vector.Tensor(img2img, "noise")!,
                SchedulerVectorFile.Number(img2img.GetProperty("latent_timestep")));
            AssertTensorClose("add_noise → initial_sample", vector.Tensor(root, "initial_sample")!, noised);
        }

        var stepIndex = 0;
        foreach (var step in root.GetProperty("steps").EnumerateArray())
        {
            var label = $"step {step.GetProperty("index").GetInt32()}";
            // Drive the scheduler with its own timestep, as the pipeline does; it must match the recorded one.
            var timestep = scheduler.Timesteps[stepIndex];
            AssertClose($"{label} timestep", [SchedulerVectorFile.Number(step.GetProperty("timestep"))], [timestep], exact: false);
            var sample = vector.Tensor(step, "sample")!;

            AssertTensorClose($"{label} scaled_model_input", vector.Tensor(step, "scaled_model_input")!,
                scheduler.ScaleModelInput(sample, timestep));

            noise.ExpectNext(vector.Tensor(step, "noise"), label);
            var result = scheduler.Step(vector.Tensor(step, "model_output")!, timestep, sample);
            noise.AssertConsumed();

            AssertTensorClose($"{label} prev_sample", vector.Tensor(step, "prev_sample")!, result.PrevSample);
            AssertOptionalTensor($"{label} pred_original_sample", vector.Tensor(step, "pred_original_sample"), result.PredOriginalSample);
            AssertOptionalTensor($"{label} denoised", vector.Tensor(step, "denoised"), result.Denoised);
            stepIndex++;
        }

        Assert.Equal(scheduler.Timesteps.Count, stepIndex);
    }

    /// <summary>Builds the scheduler the vector names, failing on anything the engine does not know.</summary>
    private static IScheduler CreateScheduler(JsonElement root, INoiseSource noise)
    {
        var config = SchedulerConfig.FromJson(root.GetProperty("config"));
        Assert.True(config.UnrecognizedKeys.Count == 0, $"Unknown config options: {string.Join(", ", config.UnrecognizedKeys)}");
        var className = root.GetProperty("diffusers_class").GetString()!;

        var kwargs = root.GetProperty("step_kwargs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        if (kwargs.Remove("eta", out var eta))
        {
            Assert.True(className == "DDIMScheduler", $"eta is a DDIM step option, not one of {className}");
            Assert.Empty(kwargs);
            return new DdimScheduler(config, noise, eta.GetDouble());
        }

        Assert.True(kwargs.Count == 0, $"Unknown step options: {string.Join(", ", kwargs.Keys)}");
        return SchedulerFactory.Create(className, config, noise);
    }

    private static void AssertSigmas(double[]? expected, IReadOnlyList<float>? actual)
    {
        if (expected is null)
        {
            Assert.True(actual is null, "diffusers has no sigmas for this scheduler, ours has");
            return;
        }

        Assert.True(actual is not null, "diffusers has sigmas for this scheduler, ours has none");
        AssertClose("sigmas", expected, actual.Select(s => (double)s).ToArray(), exact: false);
    }

    private static void AssertClose(string what, IReadOnlyList<double> expected, IReadOnlyList<double> actual, bool exact)
    {
        Assert.True(expected.Count == actual.Count,
            $"{what}: expected {expected.Count} values [{string.Join(", ", expected)}], got {actual.Count} [{string.Join(", ", actual)}]");
        for (var i = 0; i < expected.Count; i++)
        {
            var tolerance = exact ? 0 : ScheduleRelativeTolerance * Math.Abs(expected[i]) + 1e-7;
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"{what}[{i}]: expected {expected[i]}, got {actual[i]} (all: [{string.Join(", ", actual)}])");
        }
    }

    private static void AssertOptionalTensor(string what, LatentTensor? expected, LatentTensor? actual)
    {
        if (expected is not null)
        {
            Assert.True(actual is not null, $"{what}: diffusers returns one, ours is null");
            AssertTensorClose(what, expected, actual);
        }
    }

    /// <summary>The README's tolerance: max |ours − ref| ≤ 1e-4 · max(1, max |ref|).</summary>
    private static void AssertTensorClose(string what, LatentTensor expected, LatentTensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var scale = Math.Max(1, expected.Data.Max(v => Math.Abs(v)));
        var worst = expected.Data.Zip(actual.Data, (e, a) => Math.Abs((double)e - a)).Max();
        Assert.True(worst <= TensorTolerance * scale,
            $"{what}: max |difference| {worst:G6} exceeds {TensorTolerance * scale:G6}");
    }
}
