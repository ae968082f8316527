using System.Diagnostics;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Crash;

/// <summary>
/// The real app as a child process (<c>dotnet CollabCanvas.Web.dll</c>, the web project's build output) on a data
/// folder the caller keeps across restarts, with fresh Kestrel and Orleans ports each start. <see cref="Kill"/> is
/// SIGKILL: no shutdown code runs, as when a machine loses the process. It runs from the repository root, as
/// <c>dotnet run</c> does, with every path it writes pointed into the data folder. Disposing always kills it, so a failing test
/// leaves no app behind; a test host that exits early kills it too (see <see cref="ChildProcess"/>).
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    /// <summary>The line the start-up sweep logs when it is done (see <c>ImageSweepService</c>).</summary>
    public const string SweepDoneMarker = "Image store sweep:";

    private const int OutputLinesKept = 200;

    private readonly ChildProcess process;
    private readonly TaskCompletionSource sweepDone;

    private AppProcess(ChildProcess process, TaskCompletionSource sweepDone, Uri baseAddress)
    {
        this.process = process;
        this.sweepDone = sweepDone;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The app's last console lines, for failure messages.</summary>
    public string OutputTail => process.OutputTail;

    /// <summary>
    /// Starts the app and returns once <c>/health/ready</c> answers 200 and the start-up sweep has finished.
    /// <paramref name="overrides"/> come after the settings' own variables and win over them (the cluster tests'
    /// Redis and Orleans settings). <paramref name="httpPort"/>: the port to listen on, for callers whose settings name
    /// the node's own address (a free one otherwise).
    /// </summary>
    public static async Task<AppProcess> StartAsync(CrashAppSettings settings, TimeSpan timeout,
        IEnumerable<(string Name, string Value)>? overrides = null, int? httpPort = null)
    {
        var port = httpPort ?? FreePorts.Next();
        var start = new ProcessStartInfo(BuiltProjects.DotnetHost(), [BuiltProjects.Dll("CollabCanvas.Web")])
        {
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var (name, value) in settings.Environment(port, FreePorts.Next(), FreePorts.Next()).Concat(overrides ?? []))
        {
            start.Environment[name] = value;
        }

        var sweepDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var child = ChildProcess.Start(start, "The app", OutputLinesKept, line =>
        {
            if (line.Contains(SweepDoneMarker, StringComparison.Ordinal))
            {
                sweepDone.TrySetResult();
            }
        });
        var app = new AppProcess(child, sweepDone, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await app.WaitUntilReadyAsync(timeout);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until the app writes a console line containing <paramref name="text"/> (or has written one among the
    /// lines kept): what a test reads when the app offers no endpoint for it, e.g. a logged link to a worker.
    /// </summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) => process.WaitForOutputAsync(text, timeout);

    /// <summary>SIGKILL now, and wait until the process is gone.</summary>
    public void Kill() => process.Kill();

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await process.WaitForHttpOkAsync(BaseAddress, "/health/ready", deadline);

        // The sweep runs in the background after start; checks of the store must see its result.
        var remaining = deadline - DateTime.UtcNow;
        if (await Task.WhenAny(sweepDone.Task, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero)) != sweepDone.Task)
        {
            throw new TimeoutException($"The app never logged its start-up sweep ('{SweepDoneMarker}'):\n{OutputTail}");
        }
    }
}
