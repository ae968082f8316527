using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>
/// An inference worker as a real child process (<c>dotnet CollabCanvas.Inference.dll</c>, the worker project's build
/// output) on a loopback port, run from the repository root as <c>dotnet run</c> does, so it reads the repository's
/// appsettings.json (the token keys it shares with the web app) under the test's settings. <see cref="Kill"/> is
/// SIGKILL: the worker's sockets close without a word, as when its machine loses it. Disposing always kills it, and
/// so does a test host that exits early.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 100;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly EventHandler _killOnHostExit;

    private WorkerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _killOnHostExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _killOnHostExit;
    }

    public Uri BaseAddress { get; }

    /// <summary>The worker's last console lines, for failure messages.</summary>
    public string OutputTail => string.Join('\n', _output);

    /// <summary>Starts a worker trusting tokens from <paramref name="issuer"/>; returns once its <c>/health</c> answers 200.</summary>
    public static async Task<WorkerProcess> StartAsync(int port, string issuer, string modelsPath, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(BuiltProjects.DotnetHost(), [BuiltProjects.Dll("CollabCanvas.Inference")])
        {
            WorkingDirectory = RepositoryPaths.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}");
        start.Environment["Inference__ModelsPath"] = modelsPath;
        start.Environment["Inference__ExecutionProvider"] = "Cpu";

        // Two workers share this machine's cores with the web app and the test: one ONNX thread each.
        start.Environment["Inference__IntraOpThreads"] = "1";
        start.Environment["InferenceTokens__Issuer"] = issuer;
        start.Environment["InferenceWorker__QueueCapacity"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var worker = new WorkerProcess(
            Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."),
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}")));
        worker._process.OutputDataReceived += (_, line) => worker.Keep(line.Data);
        worker._process.ErrorDataReceived += (_, line) => worker.Keep(line.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        try
        {
            await worker.WaitUntilHealthyAsync(timeout);
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL now (on Unix <see cref="Process.Kill()"/> sends SIGKILL), and wait until the process is gone.</summary>
    public void Kill()
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
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        AppDomain.CurrentDomain.ProcessExit -= _killOnHostExit;
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
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The worker exited with code {_process.ExitCode} while starting:\n{OutputTail}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker was not healthy within {timeout.TotalSeconds:0} s:\n{OutputTail}");
            }

            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Too slow to answer yet.
            }

            await Task.Delay(50);
        }
    }
}
