using System.CommandLine;
using CollabCanvas.Engine;
using CollabCanvas.Engine.Benchmarks;

var modelsDirectory = new Option<string?>("--models-dir") { Description = "Models folder (default: tests/fixtures/models of this repository)" };
var model = new Option<string>("--model") { Description = "Model to run", DefaultValueFactory = _ => "tiny-txt2img" };
var size = new Option<int>("--size") { Description = "Image width and height", DefaultValueFactory = _ => 512 };
var steps = new Option<int>("--steps") { Description = "Steps per run", DefaultValueFactory = _ => 20 };
var runs = new Option<int>("--runs") { Description = "Timed runs per configuration (median reported)", DefaultValueFactory = _ => 15 };
var provider = new Option<ExecutionProvider>("--provider") { Description = "Auto, Cuda or Cpu", DefaultValueFactory = _ => ExecutionProvider.Auto };
var output = new Option<FileInfo?>("--out") { Description = "Markdown report (default: bench/results/engine.md)" };

var root = new RootCommand("Engine benchmark: steps/s, first-run latency and preview overhead") { modelsDirectory, model, size, steps, runs, provider, output };
root.SetAction(async (parseResult, cancellationToken) =>
{
    var settings = new BenchmarkSettings(
        parseResult.GetValue(modelsDirectory) ?? Path.Combine(RepositoryRoot.Find(), "tests", "fixtures", "models"),
        parseResult.GetValue(model)!, parseResult.GetValue(size), parseResult.GetValue(steps), parseResult.GetValue(runs),
        parseResult.GetValue(provider));
    var report = await EngineBenchmark.RunAsync(settings, cancellationToken);
    var path = parseResult.GetValue(output)?.FullName ?? Path.Combine(RepositoryRoot.Find(), "bench", "results", "engine.md");
    await File.WriteAllTextAsync(path, report, CancellationToken.None);
    Console.WriteLine(report);
    Console.WriteLine($"written to {path}");
    return 0;
});
return await root.Parse(args).InvokeAsync();
