using System.Diagnostics;
using System.Globalization;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>
/// An inference worker as a real child process (<c>dotnet CollabCanvas.Inference.dll</c>, the worker project's build
/// output) on a loopback port, run from the repository root as <c>dotnet run</c> does, so it reads the repository's
/// appsettings.json (the token keys it shares with the web app) under the test's settings. <see cref="Kill"/> is
/// SIGKILL: the worker's sockets close without a word, as when its machine loses it. Disposing always kills it, and
/// so does a test host that exits early (see <see cref="ChildProcess"/>).
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 100;

    private readonly ChildProcess _process;

    private WorkerProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The worker's last console lines, for failure messages.</summary>
    public string OutputTail => _process.OutputTail;

    /// <summary>Starts a worker trusting tokens from <paramref name="issuer"/>; returns once its <c>/health</c> answers 200.</summary>
    public static async Task<WorkerProcess> StartAsync(int port, string issuer, string modelsPath, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(BuiltProjects.DotnetHost(), [BuiltProjects.Dll("CollabCanvas.Inference")])
        {
            WorkingDirectory = RepositoryPaths.Root,
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
            ChildProcess.Start(start, "The worker", OutputLinesKept),
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}")));
        try
        {
            await worker._process.WaitForHttpOkAsync(worker.BaseAddress, "/health", DateTime.UtcNow + timeout);
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL now, and wait until the process is gone.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
