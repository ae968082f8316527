using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CollabCanvas.Tests.Postgres;

/// <summary>
/// A throwaway Postgres server from Debian's <c>postgresql</c> package: <c>initdb</c> into a temp folder, started with
/// <c>pg_ctl</c> on a free loopback port (trust authentication, no fsync: nothing here must outlive the tests), stopped
/// and deleted at the end. initdb refuses to run as root, so as root every server command runs as the package's
/// <c>postgres</c> user. Missing binaries are an error with the way to install them, never a silent skip.
/// (Shared by the data and web test projects, which link this file.)
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string InstallHint = "Install Debian's postgresql package (./test.sh does it: apt-get install postgresql).";

    private const string ServiceUser = "postgres";

    private readonly EventHandler stopOnHostExit;
    private string? folder;
    private string? binaries;
    private bool started;

    public PostgresServer() => stopOnHostExit = (_, _) => Stop();

    public int Port { get; private set; }

    /// <summary>A connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30;Command Timeout=60");

    /// <summary>Creates an empty database of its own for a test class; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task InitializeAsync()
    {
        binaries = FindBinaries() ?? throw new InvalidOperationException(
            $"The Postgres tests need the server binaries (initdb, pg_ctl, postgres), found neither on PATH nor under /usr/lib/postgresql/*/bin. {InstallHint}");
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot && !UserExists(ServiceUser))
        {
            throw new InvalidOperationException($"initdb refuses to run as root and there is no '{ServiceUser}' user to run it as. {InstallHint}");
        }

        // The folder must belong to whoever runs the server; as root, let that user make it.
        folder = asRoot
            ? (await RunAsync("mktemp", ["-d", Path.Combine(Path.GetTempPath(), "collabcanvas-pg-XXXXXX")])).Trim()
            : Directory.CreateTempSubdirectory("collabcanvas-pg-").FullName;
        var data = Path.Combine(folder, "data");
        await RunAsync(Path.Combine(binaries, "initdb"), ["-D", data, "-U", ServiceUser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);

        Port = FreePort();
        AppDomain.CurrentDomain.ProcessExit += stopOnHostExit;
        started = true;
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "120", "-o", options, "start"]);
    }

    public Task DisposeAsync()
    {
        Stop();
        AppDomain.CurrentDomain.ProcessExit -= stopOnHostExit;
        return Task.CompletedTask;
    }

    private void Stop()
    {
        if (started && binaries is not null && folder is not null)
        {
            started = false;
            Npgsql.NpgsqlConnection.ClearAllPools();
            try
            {
                // Immediate: the data is thrown away, so there is nothing to flush.
                RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the folder goes anyway.
            }
        }

        if (folder is not null && Directory.Exists(folder))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The OS temp cleaner takes it later.
            }
        }
    }

    /// <summary>The folder holding initdb and pg_ctl: PATH first, then Debian's versioned folders, newest first.</summary>
    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var major) ? major : 0)
                .Select(version => Path.Combine(version, "bin"))
            : [];
        return onPath.Concat(debian)
            .Where(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            .Select(dir => Path.GetDirectoryName(Path.GetFullPath(ResolveLink(Path.Combine(dir, "pg_ctl"))))!)
            .FirstOrDefault();
    }

    /// <summary>pg_ctl finds the postgres binary beside its real path, so links (e.g. in /usr/local/bin) are followed.</summary>
    private static string ResolveLink(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static bool UserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));

    /// <summary>Runs a server command (as the service user when we are root); a non-zero exit throws with its output.</summary>
    private static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser", ["-u", ServiceUser, "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }

        return await stdout;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
