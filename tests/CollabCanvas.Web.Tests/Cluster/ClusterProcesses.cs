using System.Globalization;
using CollabCanvas.Web.Tests.Crash;

namespace CollabCanvas.Web.Tests.Cluster;

/// <summary>
/// Several web nodes as real child processes on loopback: one throwaway Redis (Orleans membership, and the hub
/// backplane when asked), and nodes that share one data folder (the SQLite database, data-protection keys and the
/// image store), so a room's saved state and a sign-in cookie are the same on every node. Failure detection is tuned
/// down (a probe every 2 s, two misses, one vote) so a killed node is declared dead in seconds, not half a minute.
/// Other multi-process tests (inference workers) can start their own processes beside these with <see cref="NodeSettings"/>.
/// </summary>
internal sealed class ClusterProcesses : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly string _dataFolder;
    private readonly List<AppProcess> _nodes = [];
    private readonly IReadOnlyList<(string Name, string Value)> _extraSettings;

    private ClusterProcesses(RedisServer redis, string dataFolder, IReadOnlyList<(string Name, string Value)> extraSettings)
    {
        Redis = redis;
        _dataFolder = dataFolder;
        _extraSettings = extraSettings;
        Settings = new CrashAppSettings(dataFolder);
    }

    public RedisServer Redis { get; }

    /// <summary>The settings every node shares (data folder, models); <see cref="NodeSettings"/> adds the cluster's.</summary>
    public CrashAppSettings Settings { get; }

    public IReadOnlyList<AppProcess> Nodes => _nodes;

    /// <summary>Starts Redis, then <paramref name="nodes"/> web nodes one after the other (the first creates the database and keys).</summary>
    public static async Task<ClusterProcesses> StartAsync(int nodes, IEnumerable<(string Name, string Value)>? extraSettings = null)
    {
        var redis = await RedisServer.StartAsync(FreePorts.Next(), TimeSpan.FromSeconds(20));
        var dataFolder = Directory.CreateTempSubdirectory("collabcanvas-cluster-").FullName;
        var cluster = new ClusterProcesses(redis, dataFolder, [.. extraSettings ?? []]);
        try
        {
            for (var index = 0; index < nodes; index++)
            {
                await cluster.StartNodeAsync();
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>What makes a node join this cluster, over the shared settings.</summary>
    public IEnumerable<(string Name, string Value)> NodeSettings()
    {
        yield return ("Orleans__Cluster", "Redis");
        yield return ("ConnectionStrings__Redis", Redis.ConnectionString);
        yield return ("Orleans__Membership__ProbeTimeout", "00:00:02");
        yield return ("Orleans__Membership__NumMissedProbesLimit", "2");
        yield return ("Orleans__Membership__NumVotesForDeathDeclaration", "1");
        yield return ("Orleans__Membership__TableRefreshTimeout", "00:00:02");

        // Every step's preview (the fixture's millisecond steps fit in the 50 ms cap otherwise), so nodes compare frames.
        yield return ("RoomRendering__PreviewMinInterval", "00:00:00");

        // Several nodes sweep the one store: an image another node has written but not yet committed must survive.
        yield return ("Images__OrphanGracePeriod", "01:00:00");
        foreach (var setting in _extraSettings)
        {
            yield return setting;
        }
    }

    public async Task<AppProcess> StartNodeAsync()
    {
        // Each node is its own token authority for the inference workers (used in Remote mode only): it asks itself,
        // so no node depends on another being up.
        var port = FreePorts.Next();
        var ownTokenEndpoint = ("Inference__TokenEndpoint", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/connect/token"));
        var node = await AppProcess.StartAsync(Settings, StartTimeout, NodeSettings().Append(ownTokenEndpoint), port);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Every node's last console lines, for failure messages.</summary>
    public string OutputTails() => string.Join("\n", _nodes.Select((node, index) =>
        string.Create(CultureInfo.InvariantCulture, $"--- node {index} ({node.BaseAddress}{(node.HasExited ? ", exited" : "")}) ---\n{node.OutputTail}")));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Redis.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A node's last write raced the kill; the temp folder is left for the OS.
        }
    }
}
