using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace CollabCanvas.Testing;

/// <summary>
/// A program the tests run as a real child process (the app, an inference worker, redis-server): its last console
/// lines are kept for failure messages, <see cref="Kill"/> is SIGKILL (on Unix <see cref="Process.Kill(bool)"/> sends
/// SIGKILL) so no shutdown code runs, and disposing always kills it, as does a test host that exits early, so a
/// failing test leaves nothing behind. Shared by the web tests and the rooms benchmark (linked into both projects).
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly int _linesKept;
    private readonly Action<string>? _onLine;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly EventHandler _killOnHostExit;

    private ChildProcess(Process process, string name, int linesKept, Action<string>? onLine)
    {
        _process = process;
        _name = name;
        _linesKept = linesKept;
        _onLine = onLine;
        _killOnHostExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _killOnHostExit;
    }

    private event Action<string>? LineWritten;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the process has used so far (all its threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The last console lines (standard output and error), for failure messages.</summary>
    public string OutputTail => string.Join('\n', _output);

    /// <summary>
    /// Starts <paramref name="start"/> with its output redirected. <paramref name="name"/> names it in messages
    /// ("The app"); <paramref name="onLine"/> sees every line from the first on.
    /// </summary>
    public static ChildProcess Start(ProcessStartInfo start, string name, int linesKept, Action<string>? onLine = null)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var child = new ChildProcess(
            Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start."), name, linesKept, onLine);
        child._process.OutputDataReceived += (_, line) => child.Keep(line.Data);
        child._process.ErrorDataReceived += (_, line) => child.Keep(line.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Throws, with the output, when the process has exited (called while waiting for it to start).</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{_name} exited with code {_process.ExitCode} while starting:\n{OutputTail}");
        }
    }

    /// <summary>Polls <c>GET <paramref name="path"/></c> until it answers 200; fails when the process exits or the deadline passes.</summary>
    public async Task WaitForHttpOkAsync(Uri baseAddress, string path, DateTime deadline, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            ThrowIfExited();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_name} did not answer {path} with 200 in time:\n{OutputTail}");
            }

            try
            {
                if ((await http.GetAsync(path, cancellationToken)).StatusCode == HttpStatusCode.OK)
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

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until the process writes a console line containing <paramref name="text"/> (or has written one among the
    /// lines kept): what a test reads when the program offers no endpoint for it, e.g. a logged link to a worker.
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
            foreach (var line in _output)
            {
                Watch(line);
            }

            if (await Task.WhenAny(seen.Task, Task.Delay(timeout)) != seen.Task)
            {
                throw new TimeoutException($"{_name} never wrote '{text}' within {timeout.TotalSeconds:0} s:\n{OutputTail}");
            }
        }
        finally
        {
            LineWritten -= Watch;
        }
    }

    /// <summary>SIGKILL now, and wait until the process is gone.</summary>
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
        _onLine?.Invoke(line);
        LineWritten?.Invoke(line);
        while (_output.Count > _linesKept && _output.TryDequeue(out _))
        {
        }
    }
}
