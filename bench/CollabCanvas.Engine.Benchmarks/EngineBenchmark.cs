using System.Diagnostics;
using System.Globalization;
using System.Text;
using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabCanvas.Engine.Benchmarks;

/// <summary>
/// Measures the engine on one model: the first run (which opens the sessions), then steady-state steps/s with
/// previews off, with a latent preview every step, and with a full VAE decode every 5 steps. The loop time of a
/// run is its denoising plus preview time, so text encoding and the final decode do not dilute the ratios.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task<string> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true))
            .AddDiffusionEngine(options =>
            {
                options.ModelsPath = settings.ModelsDirectory;
                options.ExecutionProvider = settings.Provider;
            })
            .BuildServiceProvider();
        var generator = services.GetRequiredService<ImageGenerator>();
        var request = new GenerationRequest(settings.Model, "a red house on a green mountain", "blurry", settings.Steps, "euler-a",
            7.5, 1, settings.Size, settings.Size, Preview: PreviewOptions.None);

        var firstWall = Stopwatch.StartNew();
        var first = await CompleteAsync(generator, request, cancellationToken);
        firstWall.Stop();

        // Configurations take turns run by run, so drift (thermal, other load) hits them alike.
        var configurations = new (string Name, GenerationRequest Request)[]
        {
            ("previews off", request),
            ("latent preview every step (PNG)", request with { Preview = new PreviewOptions(FullDecodeEvery: 0) }),
            ("full VAE decode every 5 steps, latent otherwise (PNG)", request with { Preview = new PreviewOptions(FullDecodeEvery: 5) }),
        };
        var measurements = await MeasureAsync(generator, configurations, settings, cancellationToken);

        var provider = services.GetRequiredService<SessionOptionsFactory>().EffectiveProvider;
        return Report(settings, provider, first, firstWall.Elapsed, measurements[0], measurements.Skip(1).ToList());
    }

    private static async Task<List<Measurement>> MeasureAsync(ImageGenerator generator,
        IReadOnlyList<(string Name, GenerationRequest Request)> configurations, BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var perStep = configurations.Select(_ => new List<double>()).ToList();
        for (var run = 0; run < settings.Runs; run++)
        {
            for (var index = 0; index < configurations.Count; index++)
            {
                var result = await CompleteAsync(generator, configurations[index].Request, cancellationToken);
                perStep[index].Add((result.Timings.Denoising + result.Timings.Previews).TotalSeconds / settings.Steps);
            }
        }

        return configurations.Select((configuration, index) =>
        {
            var sorted = perStep[index].Order().ToList();
            return new Measurement(configuration.Name, sorted[sorted.Count / 2]);
        }).ToList();
    }

    private static async Task<GenerationCompleted> CompleteAsync(ImageGenerator generator, GenerationRequest request, CancellationToken cancellationToken)
    {
        await foreach (var generationEvent in generator.GenerateAsync(request, cancellationToken))
        {
            switch (generationEvent)
            {
                case GenerationCompleted completed:
                    return completed;
                case GenerationFailed failed:
                    throw new InvalidOperationException($"benchmark request failed: {failed.Reason}");
            }
        }

        throw new InvalidOperationException("the engine ended without a result");
    }

    private static string Report(BenchmarkSettings settings, ExecutionProvider provider, GenerationCompleted first, TimeSpan firstWall,
        Measurement off, IReadOnlyList<Measurement> withPreviews)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# Engine benchmark");
        text.AppendLine();
        text.AppendLine(culture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {provider} provider, " +
                                 $".NET {Environment.Version}. Model `{settings.Model}`, {settings.Size}x{settings.Size}, {settings.Steps} steps, " +
                                 $"euler-a, guidance 7.5 (batch-2 CFG), median of {settings.Runs} runs.");
        text.AppendLine("Regenerate: `dotnet run -c Release --project bench/CollabCanvas.Engine.Benchmarks` (options: --model, --models-dir, --size, --steps, --runs, --provider).");
        text.AppendLine();
        text.AppendLine("## First run (opens the ONNX sessions)");
        text.AppendLine();
        text.AppendLine(culture, $"- wall time: {firstWall.TotalMilliseconds:0} ms (session load {first.Timings.Load.TotalMilliseconds:0} ms, " +
                                 $"text {first.Timings.TextEncoding.TotalMilliseconds:0} ms, denoising {first.Timings.Denoising.TotalMilliseconds:0} ms, " +
                                 $"decode {first.Timings.Decoding.TotalMilliseconds:0} ms)");
        text.AppendLine();
        text.AppendLine("## Steady state");
        text.AppendLine();
        text.AppendLine("| configuration | ms/step | steps/s | preview cost ms/step | ratio to previews off (target ≥ 0.97) |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var measurement in new[] { off }.Concat(withPreviews))
        {
            var ratio = measurement.StepsPerSecond / off.StepsPerSecond;
            var cost = (measurement.SecondsPerStep - off.SecondsPerStep) * 1000;
            text.AppendLine(culture,
                $"| {measurement.Name} | {measurement.SecondsPerStep * 1000:0.00} | {measurement.StepsPerSecond:0.0} | {cost:0.00} | {ratio:0.000} |");
        }

        text.AppendLine();
        text.AppendLine("Reading the ratios: a preview costs a fixed time per step (projection + encoding at latent size; a full decode " +
                        "also runs the VAE and encodes at full size), so the ratio depends on how expensive a step is. A fixture UNet step " +
                        "costs a few milliseconds where an SD 1.5 UNet step costs tens (GPU) to thousands (CPU) of milliseconds; the " +
                        "\"preview cost\" column carries over to real models, the ratio does not. Rerun with --models-dir/--model on a real model.");

        return text.ToString();
    }
}
