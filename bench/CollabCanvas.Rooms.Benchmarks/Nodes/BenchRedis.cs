using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CollabCanvas.Rooms.Benchmarks.Nodes;

/// <summary>
/// A throwaway Debian <c>redis-server</c> on a free loopback port keeping nothing on disk, as tools/redis/start.sh
/// starts one: the nodes' Orleans membership table. Disposing kills it.
/// </summary>
internal sealed class BenchRedis : IAsyncDisposable
{
    private readonly Process _process;

    private BenchRedis(Process process, int port)
    {
        _process = process;
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        Port = port;
    }

    public string ConnectionString { get; }

    private int Port { get; }

    public static async Task<BenchRedis> StartAsync(CancellationToken cancellationToken)
    {
        var server = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server was not found: apt-get install -y redis-server");
        var port = BenchHost.FreePortNumber();
        var start = new ProcessStartInfo(server) { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var redis = new BenchRedis(Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start."), port);
        redis._process.OutputDataReceived += (_, _) => { };
        redis._process.BeginOutputReadLine();
        try
        {
            await redis.WaitForPongAsync(TimeSpan.FromSeconds(20), cancellationToken);
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
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

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitForPongAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
            {
                // Not listening yet.
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port}.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
