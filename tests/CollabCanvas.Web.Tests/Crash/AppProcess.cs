using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CollabCanvas.Web.Tests.Crash;

/// <summary>
/// The real app as a child process (<c>dotnet CollabCanvas.Web.dll</c>, the web project's build output) on a data
/// folder the caller keeps across restarts, with fresh Kestrel and Orleans ports each start. <see cref="Kill"/> is
/// SIGKILL: no shutdown code runs, as when a machine loses the process. It runs from the repository root, as
/// <c>dotnet run</c> does, with every path it writes pointed into the data folder. Disposing always kills it, so a failing test
/// leaves no app behind; a test host that exits early kills it too.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    /// <summary>The line the start-up sweep logs when it is done (see <c>ImageSweepService</c>).</summary>
    public const string SweepDoneMarker = "Image store sweep:";

    private const int OutputLinesKept = 200;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource sweepDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EventHandler killOnHostExit;

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        killOnHostExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += killOnHostExit;
    }

    public Uri BaseAddress { get; }

    private event Action<string>? LineWritten;

    public bool HasExited => process.HasExited;

    /// <summary>The app's last console lines, for failure messages.</summary>
    public string OutputTail => string.Join('\n', output);

    /// <summary>
    /// Starts the app and returns once <c>/health/ready</c> answers 200 and the start-up sweep has finished.
    /// <paramref name="overrides"/> come after the settings' own variables and win over them (the cluster tests'
    /// Redis and Orleans settings). <paramref name="httpPort"/>: the port to listen on, for callers whose settings name
    /// the node's own address (a free one otherwise).
    /// </summary>
    public static async Task<AppProcess> StartAsync(CrashAppSettings settings, TimeSpan timeout,
        IEnumerable<(string Name, string Value)>? overrides = null, int? httpPort = null)
    {
        var port = httpPort ?? FreePort();
        var start = new ProcessStartInfo(Infrastructure.BuiltProjects.DotnetHost(), [Infrastructure.BuiltProjects.Dll("CollabCanvas.Web")])
        {
            WorkingDirectory = Infrastructure.RepositoryPaths.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in settings.Environment(port, FreePort(), FreePort()).Concat(overrides ?? []))
        {
            start.Environment[name] = value;
        }

        var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), new Uri($"http://127.0.0.1:{port}"));
        app.process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        app.process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
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
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch(string line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }

        LineWritten += Watch;
        try
        {
            foreach (var line in output)
            {
                Watch(line);
            }

            if (await Task.WhenAny(seen.Task, Task.Delay(timeout)) != seen.Task)
            {
                throw new TimeoutException($"The app never wrote '{text}' within {timeout.TotalSeconds:0} s:\n{OutputTail}");
            }
        }
        finally
        {
            LineWritten -= Watch;
        }
    }

    /// <summary>SIGKILL now (on Unix <see cref="Process.Kill()"/> sends SIGKILL), and wait until the process is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        AppDomain.CurrentDomain.ProcessExit -= killOnHostExit;
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        LineWritten?.Invoke(line);
        while (output.Count > OutputLinesKept && output.TryDequeue(out _))
        {
        }

        if (line.Contains(SweepDoneMarker, StringComparison.Ordinal))
        {
            sweepDone.TrySetResult();
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var ready = false;
        while (!ready)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} while starting:\n{OutputTail}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The app was not ready within {timeout.TotalSeconds:0} s:\n{OutputTail}");
            }

            try
            {
                ready = (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Too slow to answer yet.
            }

            if (!ready)
            {
                await Task.Delay(50);
            }
        }

        // The sweep runs in the background after start; checks of the store must see its result.
        var remaining = deadline - DateTime.UtcNow;
        if (await Task.WhenAny(sweepDone.Task, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero)) != sweepDone.Task)
        {
            throw new TimeoutException($"The app never logged its start-up sweep ('{SweepDoneMarker}'):\n{OutputTail}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
