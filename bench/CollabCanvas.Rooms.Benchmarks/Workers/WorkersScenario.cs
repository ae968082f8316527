using System.Collections.Concurrent;
using System.Diagnostics;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Inference;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Rooms.Benchmarks.Workers;

/// <summary>What one run with a given number of workers measured.</summary>
internal sealed record WorkersResult(
    int Run,
    int Workers,
    int Completed,
    int Failed,
    string? FirstFailure,
    double JobsPerMinute,
    Percentiles JobSeconds,
    int StepsSeen,
    int StepsWithPreview,
    IReadOnlyList<double> WorkerCpuShares,
    double BenchCpuShare,
    LoadAverage LoadBefore,
    LoadAverage LoadAfter,
    TimeSpan Window)
{
    /// <summary>CPU the workers spent per job done in the window: if it holds steady as workers are added, the work scaled and only the cores ran out.</summary>
    public double WorkerCpuSecondsPerJob => Completed == 0 ? double.NaN : WorkerCpuShares.Sum() * Window.TotalSeconds / Completed;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"run {Run}, {Workers} worker(s): {Completed} jobs in {Window.TotalSeconds:0} s = {JobsPerMinute:F1}/min, {Failed} failed{(FirstFailure is null ? "" : $" ({FirstFailure})")}, job p50 {JobSeconds.P50:F2} s, worker CPU {string.Join(" + ", WorkerCpuShares.Select(share => share.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} cores, load {LoadBefore} → {LoadAfter}");
}

/// <summary>
/// Jobs per minute through N worker processes: the app in Remote mode, several rooms each with a few hub clients,
/// every room generating back to back (the next job as soon as the last reached all its clients) with per-step
/// previews, counted over a fixed window after a warm-up round (the first job on a worker opens the model).
/// The rooms live on the nodes in <c>nodes</c> in turn; there is one web node today, and a <c>--nodes</c> option would
/// pass more.
/// </summary>
internal sealed class WorkersScenario(string repositoryRoot, WorkersBenchSettings settings)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);

    public async Task<WorkersResult> RunAsync(int run, int workerCount, CancellationToken cancellationToken)
    {
        var webPort = FreePorts.Next();
        var issuer = BenchHost.IssuerFor(webPort);
        var workers = await Task.WhenAll(Enumerable.Range(0, workerCount)
            .Select(_ => BenchWorker.StartAsync(repositoryRoot, settings, issuer, cancellationToken)));
        try
        {
            using var host = new BenchHost(repositoryRoot, settings.ModelsPath, webPort, workers.Select(worker => worker.BaseAddress).ToList());
            // A preview for every step, as the issue's benchmark asks (the app's default caps them at one per PreviewMinInterval).
            host.Previews = PreviewMode.EveryStep;
            var links = host.Services.GetRequiredService<WorkerPool>().Links;
            if (!await WaitForAsync(() => links.All(link => link.State is not null), TimeSpan.FromMinutes(1), cancellationToken))
            {
                throw new InvalidOperationException("The web app did not reach every worker within a minute.");
            }

            var rooms = new List<BenchRoom>();
            try
            {
                return await MeasureAsync(run, workers, [host], rooms, cancellationToken);
            }
            finally
            {
                foreach (var room in rooms)
                {
                    await room.DisposeAsync();
                }
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private async Task<WorkersResult> MeasureAsync(int run, BenchWorker[] workers, BenchHost[] nodes, List<BenchRoom> rooms, CancellationToken cancellationToken)
    {
        for (var index = 0; index < settings.Rooms; index++)
        {
            rooms.Add(await BenchRoom.OpenAsync(nodes[index % nodes.Length], settings, seed: 1000 + index, cancellationToken));
        }

        // Warm-up: every room once, together, so every worker has opened the model before the clock starts.
        await Task.WhenAll(rooms.Select(room => room.GenerateAsync(JobTimeout, cancellationToken)));

        var loadBefore = LoadAverage.Read();
        var cpuBefore = workers.Select(worker => worker.CpuTime).ToList();
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var atWindowEnd = Task.Run(async () =>
        {
            await Task.Delay(settings.Window, cancellationToken);
            return (Workers: workers.Select(worker => worker.CpuTime).ToList(), Bench: Process.GetCurrentProcess().TotalProcessorTime, Load: LoadAverage.Read(), At: clock.Elapsed);
        }, cancellationToken);
        var jobs = new ConcurrentBag<BenchJob>();
        await Task.WhenAll(rooms.Select(room => Task.Run(async () =>
        {
            while (clock.Elapsed < settings.Window)
            {
                var job = await room.GenerateAsync(JobTimeout, cancellationToken);
                jobs.Add(job with { FinishedAt = clock.Elapsed });
            }
        }, cancellationToken)));

        // Only what finished inside the window counts; the jobs still running at its end ran past it.
        var end = await atWindowEnd;
        var cpuShares = end.Workers.Select((cpu, index) => (cpu - cpuBefore[index]) / end.At).ToList();
        var benchCpuShare = (end.Bench - benchCpuBefore) / end.At;
        var loadAfter = end.Load;
        var inWindow = jobs.Where(job => job.FinishedAt <= settings.Window).ToList();
        var completed = inWindow.Where(job => job.Status.State == GenerationState.Completed).ToList();
        var failed = inWindow.Where(job => job.Status.State != GenerationState.Completed).ToList();
        return new WorkersResult(
            run,
            workers.Length,
            completed.Count,
            failed.Count,
            failed.FirstOrDefault()?.Status.Message,
            completed.Count / settings.Window.TotalMinutes,
            Percentiles.Of(completed.Select(job => job.Duration.TotalSeconds).ToList()),
            completed.Sum(job => job.StepsSeen),
            completed.Sum(job => job.StepsWithPreview),
            cpuShares,
            benchCpuShare,
            loadBefore,
            loadAfter,
            settings.Window);
    }

    internal static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            // Jobs take hundreds of milliseconds or more: a coarse poll keeps six waiting rooms off the cores.
            await Task.Delay(5, cancellationToken);
        }

        return true;
    }
}

/// <summary>One job as a room saw it: how it ended, from the request until every client had the end, and its steps at the first client.</summary>
internal sealed record BenchJob(GenerationStatus Status, TimeSpan Duration, int StepsSeen, int StepsWithPreview, TimeSpan FinishedAt);

/// <summary>A room with its clients on the hub, all joined, generating one job at a time.</summary>
internal sealed class BenchRoom : IAsyncDisposable
{
    private readonly List<BenchClient> _clients;
    private readonly Guid _roomId;

    private BenchRoom(Guid roomId, List<BenchClient> clients)
    {
        _roomId = roomId;
        _clients = clients;
    }

    public static async Task<BenchRoom> OpenAsync(BenchHost node, WorkersBenchSettings settings, int seed, CancellationToken cancellationToken)
    {
        var (roomId, code, facilitator) = await BenchRooms.CreateAsync(node, cancellationToken);
        var clients = new List<BenchClient> { await BenchClient.JoinAsync(node.BaseAddress, facilitator, roomId, cancellationToken) };
        var room = new BenchRoom(roomId, clients);
        for (var i = 1; i < settings.ClientsPerRoom; i++)
        {
            var guest = await BenchPeople.JoinAsGuestAsync(node.BaseAddress, code, $"Guest {i}", cancellationToken);
            clients.Add(await BenchClient.JoinAsync(node.BaseAddress, guest, roomId, cancellationToken));
        }

        await clients[0].Connection.InvokeAsync("ChangeParameters", roomId,
            new ParameterChange(Model: settings.Model, Steps: settings.Steps, Width: settings.Size, Height: settings.Size, Seed: seed), cancellationToken);
        return room;
    }

    /// <summary>Starts a job and waits until every client of the room has its end.</summary>
    public async Task<BenchJob> GenerateAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var requested = Stopwatch.GetTimestamp();
        var facilitator = _clients[0].Connection;
        await facilitator.InvokeAsync("Generate", _roomId, cancellationToken);
        var snapshot = await facilitator.InvokeAsync<RoomSnapshot>("Snapshot", _roomId, cancellationToken);
        var jobId = snapshot.Generation?.JobId ?? throw new InvalidOperationException($"Room {_roomId} started no job.");
        if (!await WorkersScenario.WaitForAsync(() => _clients.All(client => client.Finished(jobId) is not null), timeout, cancellationToken))
        {
            throw new TimeoutException($"Job {jobId} in room {_roomId} did not end at every client within {timeout}.");
        }

        var duration = Stopwatch.GetElapsedTime(requested);
        var status = _clients[0].Finished(jobId)!;
        var steps = Enumerable.Range(1, status.TotalSteps)
            .Select(step => _clients[0].TryGetStep(jobId, step, out var got) ? (Seen: true, got.HasPreview) : (Seen: false, HasPreview: false))
            .ToList();
        return new BenchJob(status, duration, steps.Count(step => step.Seen), steps.Count(step => step.HasPreview), TimeSpan.Zero);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }
}
