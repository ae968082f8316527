using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CollabCanvas.Rooms.Benchmarks.Workers;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Rooms.Benchmarks.Nodes;

/// <summary>What one run with a given number of web nodes measured.</summary>
internal sealed record NodesResult(
    int Run,
    int Nodes,
    int Completed,
    int Failed,
    string? FirstFailure,
    double StepsPerSecond,
    double JobPaceMedian,
    Percentiles FanOut,
    Percentiles CrossNodeFanOut,
    int FramesWithoutImage,
    double BenchCpuShare,
    LoadAverage LoadBefore,
    LoadAverage LoadAfter,
    TimeSpan Elapsed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"run {Run}, {Nodes} node(s): {Completed} jobs, {Failed} failed{(FirstFailure is null ? "" : $" ({FirstFailure})")}, {StepsPerSecond:F1} steps/s, fan-out p50/p95 {FanOut.P50:F1}/{FanOut.P95:F1} ms (cross-node {CrossNodeFanOut.P50:F1}/{CrossNodeFanOut.P95:F1}), load {LoadBefore} → {LoadAfter}");
}

/// <summary>
/// N web nodes in one Orleans cluster over Redis, sharing one data folder (database, keys, images), each a real app
/// host on its own loopback port in this process, with the in-process engine. Room i is created and first opened on
/// node i mod N (its grain lives there and runs its jobs); its clients are spread over the nodes in turn, so with two
/// nodes half of each room's clients get its events from the other node. Every room generates back to back with a
/// preview every step; each preview frame is timed from the room's node having it to the last of its clients having it.
/// </summary>
internal sealed class NodesScenario(string repositoryRoot, NodesBenchSettings settings, RedisServer redis)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    public async Task<NodesResult> RunAsync(int run, int nodeCount, CancellationToken cancellationToken)
    {
        var dataFolder = Directory.CreateTempSubdirectory("collabcanvas-bench-nodes-").FullName;
        var cluster = new Dictionary<string, string>
        {
            ["Orleans:Cluster"] = "Redis",
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Orleans:ClusterId"] = $"bench-{Guid.NewGuid():N}", // each run its own cluster on the one Redis
            ["Images:RootPath"] = Path.Combine(dataFolder, "images"),
            ["Images:OrphanGracePeriod"] = "01:00:00", // several nodes sweep one store
        };
        var nodes = new List<BenchHost>();
        var rooms = new List<NodeRoom>();
        try
        {
            // One after the other: the first creates the database and the data-protection keys the others share.
            for (var index = 0; index < nodeCount; index++)
            {
                var node = new BenchHost(repositoryRoot, settings.ModelsPath, dataFolder: dataFolder, settings: cluster) { Previews = PreviewMode.EveryStep };
                nodes.Add(node);
            }

            for (var index = 0; index < settings.Rooms; index++)
            {
                rooms.Add(await NodeRoom.OpenAsync(nodes, index, settings, cancellationToken));
            }

            return await MeasureAsync(run, nodeCount, rooms, cancellationToken);
        }
        finally
        {
            foreach (var room in rooms)
            {
                await room.DisposeAsync();
            }

            foreach (var node in Enumerable.Reverse(nodes))
            {
                node.Dispose();
            }

            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // a file still open; the OS temp cleaner takes it later
            }
        }
    }

    private async Task<NodesResult> MeasureAsync(int run, int nodeCount, List<NodeRoom> rooms, CancellationToken cancellationToken)
    {
        // Warm-up: every room once, together (sessions open, JIT done, every node's engine has the model).
        await Task.WhenAll(rooms.Select(room => room.GenerateAsync(JobTimeout, cancellationToken)));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var loadBefore = LoadAverage.Read();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var jobs = await Task.WhenAll(rooms.Select(room => Task.Run(async () =>
        {
            var done = new List<(NodeRoom Room, Guid JobId, GenerationStatus Status)>();
            for (var job = 0; job < settings.JobsPerRoom; job++)
            {
                var (jobId, status) = await room.GenerateAsync(JobTimeout, cancellationToken);
                done.Add((room, jobId, status));
            }

            return done;
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        var cpuShare = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore) / elapsed;
        var loadAfter = LoadAverage.Read();

        var all = jobs.SelectMany(list => list).ToList();
        var completed = all.Where(job => job.Status.State == GenerationState.Completed).ToList();
        var failed = all.Where(job => job.Status.State != GenerationState.Completed).ToList();
        var fanOut = new List<double>();
        var crossNode = new List<double>();
        var withoutImage = 0;
        var paces = new List<double>();
        foreach (var (room, jobId, _) in completed)
        {
            withoutImage += await room.CollectFanOutAsync(jobId, fanOut, crossNode, DeliveryTimeout, cancellationToken);
            paces.Add(room.Pace(jobId));
        }

        return new NodesResult(
            run,
            nodeCount,
            completed.Count,
            failed.Count,
            failed.FirstOrDefault().Status?.Message,
            completed.Sum(job => job.Status.TotalSteps) / elapsed.TotalSeconds,
            paces.Count == 0 ? double.NaN : paces.Order().ElementAt(paces.Count / 2),
            Percentiles.Of(fanOut),
            Percentiles.Of(crossNode),
            withoutImage,
            cpuShare,
            loadBefore,
            loadAfter,
            elapsed);
    }
}

/// <summary>A room whose grain lives on one node, with clients spread over the nodes, and that node's view of its steps.</summary>
internal sealed class NodeRoom : IAsyncDisposable
{
    private readonly Guid _roomId;
    private readonly List<(BenchClient Client, bool OnRoomNode)> _clients;
    private readonly ConcurrentDictionary<(Guid JobId, int Step), (long At, bool HasPreview)> _atRoomNode;
    private readonly IAsyncDisposable _watch;

    private NodeRoom(Guid roomId, List<(BenchClient, bool)> clients, ConcurrentDictionary<(Guid, int), (long, bool)> atRoomNode, IAsyncDisposable watch)
    {
        _roomId = roomId;
        _clients = clients;
        _atRoomNode = atRoomNode;
        _watch = watch;
    }

    public static async Task<NodeRoom> OpenAsync(IReadOnlyList<BenchHost> nodes, int index, NodesBenchSettings settings, CancellationToken cancellationToken)
    {
        var home = index % nodes.Count;
        var (roomId, code, facilitator) = await BenchRooms.CreateAsync(nodes[home], cancellationToken);
        var clients = new List<(BenchClient, bool)> { (await BenchClient.JoinAsync(nodes[home].BaseAddress, facilitator, roomId, cancellationToken), true) };
        for (var i = 1; i < settings.ClientsPerRoom; i++)
        {
            var node = (home + i) % nodes.Count;
            var guest = await BenchPeople.JoinAsGuestAsync(nodes[node].BaseAddress, code, $"Guest {i}", cancellationToken);
            clients.Add((await BenchClient.JoinAsync(nodes[node].BaseAddress, guest, roomId, cancellationToken), node == home));
        }

        // The room's node learns of each step when the room publishes it: the start of "step → all clients have it".
        var atRoomNode = new ConcurrentDictionary<(Guid, int), (long, bool)>();
        var watch = await nodes[home].Services.GetRequiredService<RoomEventRelay>().WatchAsync(roomId, local =>
        {
            if (local.Event is GenerationProgress progress)
            {
                atRoomNode[(progress.Status.JobId, progress.Status.Step)] = (Stopwatch.GetTimestamp(), progress.Preview is not null);
            }

            return Task.CompletedTask;
        });
        await clients[0].Item1.Connection.InvokeAsync("ChangeParameters", roomId,
            new ParameterChange(Model: settings.Model, Steps: settings.Steps, Width: settings.Size, Height: settings.Size, Seed: 1000 + index), cancellationToken);
        return new NodeRoom(roomId, clients, atRoomNode, watch);
    }

    /// <summary>Starts a job and waits until every client of the room has its end.</summary>
    public async Task<(Guid JobId, GenerationStatus Status)> GenerateAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var facilitator = _clients[0].Client.Connection;
        await facilitator.InvokeAsync("Generate", _roomId, cancellationToken);
        var snapshot = await facilitator.InvokeAsync<RoomSnapshot>("Snapshot", _roomId, cancellationToken);
        var jobId = snapshot.Generation?.JobId ?? throw new InvalidOperationException($"Room {_roomId} started no job.");
        if (!await WorkersScenario.WaitForAsync(() => _clients.All(entry => entry.Client.Finished(jobId) is not null), timeout, cancellationToken))
        {
            throw new TimeoutException($"Job {jobId} in room {_roomId} did not end at every client within {timeout}.");
        }

        return (jobId, _clients[0].Client.Finished(jobId)!);
    }

    /// <summary>The job's pace as the room's node saw it: steps between the first and the last step's arrival.</summary>
    public double Pace(Guid jobId)
    {
        var times = _atRoomNode.Where(entry => entry.Key.JobId == jobId).Select(entry => entry.Value.At).Order().ToList();
        return times.Count < 2 ? double.NaN : (times.Count - 1) / Stopwatch.GetElapsedTime(times[0], times[^1]).TotalSeconds;
    }

    /// <summary>
    /// Adds, per preview frame, the time from the room's node having it to the last client having it (and to the last
    /// client on another node); returns the frames some client got without their image.
    /// </summary>
    public async Task<int> CollectFanOutAsync(Guid jobId, List<double> all, List<double> crossNode, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var steps = _atRoomNode.Keys.Where(key => key.JobId == jobId).Select(key => key.Step).Order().ToList();
        await WorkersScenario.WaitForAsync(() => steps.All(step => _clients.All(entry => entry.Client.TryGetStep(jobId, step, out _))), timeout, cancellationToken);
        var withoutImage = 0;
        foreach (var step in steps.Where(step => _atRoomNode[(jobId, step)].HasPreview))
        {
            var arrivals = _clients.Select(entry => (entry.OnRoomNode, Got: entry.Client.TryGetStep(jobId, step, out var got) ? got : (At: long.MaxValue, HasPreview: false))).ToList();
            if (arrivals.Any(arrival => arrival.Got.At == long.MaxValue))
            {
                continue;
            }

            withoutImage += arrivals.Any(arrival => !arrival.Got.HasPreview) ? 1 : 0;
            var at = _atRoomNode[(jobId, step)].At;
            all.Add(Stopwatch.GetElapsedTime(at, arrivals.Max(arrival => arrival.Got.At)).TotalMilliseconds);
            if (arrivals.Any(arrival => !arrival.OnRoomNode))
            {
                crossNode.Add(Stopwatch.GetElapsedTime(at, arrivals.Where(arrival => !arrival.OnRoomNode).Max(arrival => arrival.Got.At)).TotalMilliseconds);
            }
        }

        return withoutImage;
    }

    public async ValueTask DisposeAsync()
    {
        await _watch.DisposeAsync();
        foreach (var (client, _) in _clients)
        {
            await client.DisposeAsync();
        }
    }
}
