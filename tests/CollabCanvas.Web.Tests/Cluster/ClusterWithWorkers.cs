using System.Globalization;
using CollabCanvas.Inference.Protocol;
using CollabCanvas.Web.Tests.Crash;
using CollabCanvas.Web.Tests.Inference;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabCanvas.Web.Tests.Cluster;

/// <summary>
/// Redis, web nodes (<see cref="ClusterProcesses"/>) and inference workers (<see cref="WorkerProcess"/>), all real
/// processes on loopback, the nodes in <c>Inference:Mode</c> = Remote against the workers. The workers start beside
/// the nodes, not after them (start-up dominates the tests' time); a node links to a worker that comes up later
/// within a second (<c>Inference:MaxReconnectDelay</c>). Every node issues its own tokens (its own
/// <c>Inference:TokenEndpoint</c>) under one issuer shared by the whole cluster, the one the workers trust.
/// </summary>
internal sealed class ClusterWithWorkers : IAsyncDisposable
{
    /// <summary>The nodes' client secret, set here so the test can get a token of its own to ask workers their load.</summary>
    public const string ClientSecret = "cluster-test-client-secret";

    /// <summary>
    /// The cluster's issuer: a name, never fetched (workers validate tokens locally with the shared keys of
    /// appsettings.json), so no node's address is special and any node may die.
    /// </summary>
    public static readonly Uri Issuer = new("http://collabcanvas-nodes/");

    /// <summary>An idle machine starts a worker in seconds; this bounds a hung start on a loaded one.</summary>
    private static readonly TimeSpan WorkerStartTimeout = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan LinkTimeout = TimeSpan.FromSeconds(60);

    private ClusterWithWorkers(ClusterProcesses cluster, IReadOnlyList<WorkerProcess> workers)
    {
        Cluster = cluster;
        Workers = workers;
    }

    public ClusterProcesses Cluster { get; }

    public IReadOnlyList<AppProcess> Nodes => Cluster.Nodes;

    public IReadOnlyList<WorkerProcess> Workers { get; }

    /// <summary>Starts Redis, <paramref name="nodes"/> nodes and <paramref name="workers"/> workers; returns once every node is linked to every worker.</summary>
    public static async Task<ClusterWithWorkers> StartAsync(int nodes, int workers, IEnumerable<(string Name, string Value)>? extraSettings = null)
    {
        var ports = Enumerable.Range(0, workers).Select(_ => FreePorts.Next()).ToList();
        var urls = ports.Select(port => new Uri(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}"))).ToList();
        var models = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "models");
        var workerStarts = ports.Select(port => WorkerProcess.StartAsync(port, Issuer.ToString(), models, WorkerStartTimeout)).ToList();
        var clusterStart = ClusterProcesses.StartAsync(nodes, [.. RemoteInference(urls), .. extraSettings ?? []]);
        try
        {
            await Task.WhenAll(workerStarts.Cast<Task>().Append(clusterStart));
        }
        catch
        {
            foreach (var started in workerStarts.Where(start => start.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            if (clusterStart.IsCompletedSuccessfully)
            {
                await clusterStart.Result.DisposeAsync();
            }

            throw;
        }

        var cluster = new ClusterWithWorkers(clusterStart.Result, [.. workerStarts.Select(start => start.Result)]);
        try
        {
            await cluster.WaitForLinksAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A token from <paramref name="node"/>'s authority, as the node gets its own.</summary>
    public Task<string> TokenAsync(AppProcess node) => WorkerHub.RequestTokenAsync(node.BaseAddress, "collabcanvas-web", ClientSecret);

    /// <summary>What <paramref name="worker"/> says of its load (running, queued, warm models), asked over its hub.</summary>
    public static async Task<WorkerLoad> LoadAsync(WorkerProcess worker, string token)
    {
        await using var connection = await WorkerHub.ConnectAsync(worker.BaseAddress, token);
        return await connection.InvokeAsync<WorkerLoad>(InferenceHubContract.Load);
    }

    /// <summary>Every node's and worker's last console lines, for failure messages.</summary>
    public string OutputTails() => Cluster.OutputTails() + "\n" + string.Join("\n", Workers.Select((worker, index) =>
        string.Create(CultureInfo.InvariantCulture, $"--- worker {index} ({worker.BaseAddress}) ---\n{worker.OutputTail}")));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    private static IEnumerable<(string Name, string Value)> RemoteInference(IReadOnlyList<Uri> workers)
    {
        yield return ("Inference__Mode", "Remote");
        yield return ("InferenceTokens__Issuer", Issuer.ToString());
        yield return ("Inference__ClientSecret", ClientSecret);
        for (var index = 0; index < workers.Count; index++)
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"Inference__Workers__{index}"), workers[index].ToString());
        }

        // Workers start beside the nodes, maybe after them: a node tries again within a second, not after 30.
        yield return ("Inference__MaxReconnectDelay", "00:00:01");

        // Far above the failure bound the test checks: a dead worker must be noticed by its closed connection, not
        // by silence (and a loaded machine must not make a live worker look silent).
        yield return ("Inference__WorkerTimeout", "00:00:30");

        // The line each node logs when it links to a worker: what WaitForLinksAsync waits for.
        yield return ("Logging__LogLevel__CollabCanvas.Web.Inference.WorkerPool", "Information");
    }

    private async Task WaitForLinksAsync()
    {
        foreach (var node in Nodes)
        {
            foreach (var worker in Workers)
            {
                await node.WaitForOutputAsync($"Connected to inference worker {worker.BaseAddress}", LinkTimeout);
            }
        }
    }
}
