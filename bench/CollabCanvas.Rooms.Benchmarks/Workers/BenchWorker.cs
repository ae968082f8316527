using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace CollabCanvas.Rooms.Benchmarks.Workers;

/// <summary>
/// An inference worker as its own process (<c>dotnet CollabCanvas.Inference.dll</c>, the worker project's build output
/// in this benchmark's configuration), as a deployment runs it: its own ONNX Runtime threads, heap and GC. Its ONNX
/// thread count is fixed (<c>Inference:IntraOpThreads</c>) so workers sharing a machine do not fight over its cores.
/// </summary>
internal sealed class BenchWorker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BenchWorker(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>CPU time the worker process has used so far (all its threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<BenchWorker> StartAsync(string repositoryRoot, WorkersBenchSettings settings, string issuer, CancellationToken cancellationToken)
    {
        var port = BenchHost.FreePortNumber();
        var start = new ProcessStartInfo(DotnetHost(), [WorkerDll(repositoryRoot)])
        {
            WorkingDirectory = repositoryRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
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
            Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."),
            new Uri(string.Create(invariant, $"http://localhost:{port}")));
        worker._process.OutputDataReceived += (_, line) => worker.Keep(line.Data);
        worker._process.ErrorDataReceived += (_, line) => worker.Keep(line.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        try
        {
            await worker.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3), cancellationToken);
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 50 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The worker at {BaseAddress} did not start:\n{string.Join('\n', _output)}");
            }

            try
            {
                if ((await http.GetAsync("/health", cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Too slow to answer yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

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
