using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using CollabCanvas.Web.Tests.Inference;

namespace CollabCanvas.Web.Tests.Cluster;

/// <summary>
/// A throwaway Debian <c>redis-server</c> on a free loopback port, keeping nothing on disk (<c>--save ''
/// --appendonly no</c>), as the README's tools/redis/start.sh starts one. Disposing kills it; so does the test host
/// exiting early.
/// </summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly EventHandler _killOnHostExit;

    private RedisProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _killOnHostExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _killOnHostExit;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string the web nodes get (<c>ConnectionStrings:Redis</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts one on <paramref name="port"/>, or on a free port.</summary>
    public static async Task<RedisProcess> StartAsync(TimeSpan timeout, int? port = null)
    {
        var server = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server was not found: install Debian's redis-server package (./test.sh installs it when missing).");
        var listenOn = port ?? FreePorts.Next();
        var start = new ProcessStartInfo(server)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[] { "--port", listenOn.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var redis = new RedisProcess(Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start."), listenOn);
        redis._process.OutputDataReceived += (_, line) => redis.Keep(line.Data);
        redis._process.ErrorDataReceived += (_, line) => redis.Keep(line.Data);
        redis._process.BeginOutputReadLine();
        redis._process.BeginErrorReadLine();
        try
        {
            await redis.WaitForPongAsync(timeout);
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
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
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>Ready when it answers PING on its port (the inline command form of the Redis protocol).</summary>
    private async Task WaitForPongAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                lock (_output)
                {
                    throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}:\n{_output}");
                }
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"redis-server did not answer PING on port {Port} within {timeout.TotalSeconds:0} s.");
            await Task.Delay(50);
        }
    }
}
