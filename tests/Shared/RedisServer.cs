using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CollabCanvas.Testing;

/// <summary>
/// A throwaway Debian <c>redis-server</c> on a loopback port, keeping nothing on disk (<c>--save ''
/// --appendonly no</c>), as the README's tools/redis/start.sh starts one: the web nodes' Orleans membership table and
/// SignalR backplane in the cluster tests and the web-nodes benchmark. Disposing kills it; so does a host that exits
/// early.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private const int OutputLinesKept = 100;

    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string the web nodes get (<c>ConnectionStrings:Redis</c>).</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Starts one on <paramref name="port"/>; returns once it answers PING.</summary>
    public static async Task<RedisServer> StartAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var server = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server was not found: install Debian's redis-server package (./test.sh installs it when missing).");
        var start = new ProcessStartInfo(server) { WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var redis = new RedisServer(ChildProcess.Start(start, "redis-server", OutputLinesKept), port);
        try
        {
            await redis.WaitForPongAsync(DateTime.UtcNow + timeout, cancellationToken);
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL now, and wait until the process is gone.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>Ready when it answers PING on its port (the inline command form of the Redis protocol).</summary>
    private async Task WaitForPongAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            _process.ThrowIfExited();
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

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server did not answer PING on port {Port} in time:\n{_process.OutputTail}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
