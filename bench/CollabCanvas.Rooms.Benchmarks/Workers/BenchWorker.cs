using System.Diagnostics;
using System.Globalization;

namespace CollabCanvas.Rooms.Benchmarks.Workers;

/// <summary>
/// An inference worker as its own process (<c>dotnet CollabCanvas.Inference.dll</c>, the worker project's build output
/// in this benchmark's configuration), as a deployment runs it: its own ONNX Runtime threads, heap and GC. Its ONNX
/// thread count is fixed (<c>Inference:IntraOpThreads</c>) so workers sharing a machine do not fight over its cores.
/// </summary>
internal sealed class BenchWorker : IAsyncDisposable
{
    private const int OutputLinesKept = 50;

    private readonly ChildProcess _process;

    private BenchWorker(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>CPU time the worker process has used so far (all its threads).</summary>
    public TimeSpan CpuTime => _process.CpuTime;

    public static async Task<BenchWorker> StartAsync(string repositoryRoot, WorkersBenchSettings settings, string issuer, CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo(DotnetHost(), [WorkerDll(repositoryRoot)])
        {
            WorkingDirectory = repositoryRoot,
        };
        var invariant = CultureInfo.InvariantCulture;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = string.Create(invariant, $"http://localhost:{port}");
        start.Environment["Inference__ModelsPath"] = settings.ModelsPath;
        start.Environment["Inference__ExecutionProvider"] = settings.Provider;
        start.Environment["Inference__IntraOpThreads"] = settings.IntraOpThreads.ToString(invariant);
        start.Environment["InferenceTokens__Issuer"] = issuer;

        // Every room may wait on one worker (the one-worker run): none must be turned away as busy.
        start.Environment["InferenceWorker__QueueCapacity"] = settings.Rooms.ToString(invariant);
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var worker = new BenchWorker(
            ChildProcess.Start(start, "The worker", OutputLinesKept),
            new Uri(string.Create(invariant, $"http://localhost:{port}")));
        try
        {
            await worker._process.WaitForHttpOkAsync(worker.BaseAddress, "/health", DateTime.UtcNow + TimeSpan.FromMinutes(3), cancellationToken);
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The worker's build output next to this benchmark's: same configuration and framework (the project references it, so it is built).</summary>
    private static string WorkerDll(string repositoryRoot)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(repositoryRoot, "src", "CollabCanvas.Inference", "bin", bin.Parent!.Name, bin.Name, "CollabCanvas.Inference.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The worker's build output is missing: {dll}", dll);
    }
}
