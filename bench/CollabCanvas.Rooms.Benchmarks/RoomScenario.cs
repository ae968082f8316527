using System.Diagnostics;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>What one room of N hub clients measured.</summary>
/// <param name="StepsPerSecondPreviewsOn">With the app's preview settings (at most one per <c>RoomRendering:PreviewMinInterval</c>).</param>
/// <param name="StepsPerSecondEveryStep">With a preview on every step (the interval set to zero), for comparison.</param>
/// <param name="PreviewFrames">Preview images per job with the app's settings, over the measured jobs.</param>
/// <param name="FramesWithoutImageSomewhere">Frames the node had an image for that some client got without it.</param>
internal sealed record ScenarioResult(
    int Clients,
    double StepsPerSecondPreviewsOn,
    double StepsPerSecondPreviewsOff,
    double StepsPerSecondEveryStep,
    Percentiles StepToAllClients,
    int FramesWithoutImageSomewhere,
    int FramesMeasured,
    Percentiles PreviewFrames,
    Percentiles KeystrokeToAllOthers,
    double ManagedBytesPerParticipant);

/// <summary>How a job's previews are asked for: the app's settings, none, or one every step.</summary>
internal enum PreviewMode
{
    AppSettings,
    Off,
    EveryStep,
}

/// <summary>
/// One room, N clients on the hub: generations taking turns with previews as the app is set (capped), off, and on
/// every step; per-frame delivery to every client; then keystrokes from one client to all the others. Every wait is bounded.
/// </summary>
internal sealed class RoomScenario(BenchHost host, BenchSettings settings)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Keystrokes sent first and not timed (the first ones pay for JIT and the edit path's first use).</summary>
    private const int WarmUpKeystrokes = 5;

    public async Task<ScenarioResult> RunAsync(int clientCount, CancellationToken cancellationToken)
    {
        var (roomId, code, facilitatorCookies) = await BenchRooms.CreateAsync(host, cancellationToken);
        var cookies = new List<System.Net.CookieContainer> { facilitatorCookies };
        for (var i = 1; i < clientCount; i++)
        {
            cookies.Add(await BenchPeople.JoinAsGuestAsync(host.BaseAddress, code, $"Guest {i}", cancellationToken));
        }

        var heapBefore = ManagedHeap();
        var clients = new List<BenchClient>();
        try
        {
            foreach (var jar in cookies)
            {
                clients.Add(await BenchClient.JoinAsync(host.BaseAddress, jar, roomId, cancellationToken));
            }

            var heapAfter = ManagedHeap();
            var facilitator = clients[0].Connection;
            await facilitator.InvokeAsync("ChangeParameters", roomId, new ParameterChange(Steps: settings.Steps, Seed: 42), cancellationToken);

            // The node learns of each step when the room publishes it: the start of "step finished → all clients have it".
            var stepsAtNode = new System.Collections.Concurrent.ConcurrentDictionary<(Guid, int), (long At, bool HasPreview)>();
            var relay = host.Services.GetRequiredService<RoomEventRelay>();
            await using var watch = await relay.WatchAsync(roomId, local =>
            {
                if (local.Event is GenerationProgress progress)
                {
                    stepsAtNode[(progress.Status.JobId, progress.Status.Step)] = (Stopwatch.GetTimestamp(), progress.Preview is not null);
                }

                return Task.CompletedTask;
            });

            await GenerateAsync(roomId, clients, PreviewMode.EveryStep, cancellationToken); // warm-up: sessions open, JIT done
            var pace = Enum.GetValues<PreviewMode>().ToDictionary(mode => mode, _ => new List<double>());
            var frameLatencies = new List<double>();
            var framesPerJob = new List<double>();
            var withoutImage = 0;
            var modes = Enum.GetValues<PreviewMode>();
            for (var run = 0; run < settings.Runs; run++)
            {
                // Each round starts with a different mode: a job pays for what the one before it left behind
                // (garbage, clients still busy), so a fixed order would charge one mode for another's frames.
                foreach (var mode in modes.Skip(run % modes.Length).Concat(modes.Take(run % modes.Length)))
                {
                    var jobId = await GenerateAsync(roomId, clients, mode, cancellationToken);
                    pace[mode].Add(StepsPerSecond(jobId, stepsAtNode));
                    if (mode == PreviewMode.AppSettings)
                    {
                        var (frames, dropped) = await CollectFrameLatenciesAsync(jobId, clients, stepsAtNode, frameLatencies, cancellationToken);
                        framesPerJob.Add(frames);
                        withoutImage += dropped;
                    }
                }
            }

            var keystrokes = await TypeAsync(roomId, clients, cancellationToken);
            return new ScenarioResult(
                clientCount, Median(pace[PreviewMode.AppSettings]), Median(pace[PreviewMode.Off]), Median(pace[PreviewMode.EveryStep]),
                Percentiles.Of(frameLatencies), withoutImage, frameLatencies.Count, Percentiles.Of(framesPerJob),
                Percentiles.Of(keystrokes), (heapAfter - heapBefore) / (double)clientCount);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>Runs one job to completion at every client.</summary>
    private async Task<Guid> GenerateAsync(Guid roomId, List<BenchClient> clients, PreviewMode previews, CancellationToken cancellationToken)
    {
        host.Previews = previews;
        ManagedHeap(); // start every job from a collected heap, so none pays for the previous job's garbage
        await clients[0].Connection.InvokeAsync("Generate", roomId, cancellationToken);
        var snapshot = await clients[0].Connection.InvokeAsync<RoomSnapshot>("Snapshot", roomId, cancellationToken);
        var jobId = snapshot.Generation!.JobId;
        var finished = await WaitForAsync(() => clients.All(c => c.Finished(jobId) is not null), JobTimeout, cancellationToken);
        var status = clients[0].Finished(jobId);
        if (!finished || status is not { State: GenerationState.Completed })
        {
            throw new InvalidOperationException($"Job {jobId} did not complete at every client: {status?.State} {status?.Message}");
        }

        return jobId;
    }

    /// <summary>The denoising loop's pace as the node sees it: steps between the first and the last step's arrival.</summary>
    private static double StepsPerSecond(Guid jobId, System.Collections.Concurrent.ConcurrentDictionary<(Guid, int), (long At, bool HasPreview)> atNode)
    {
        var times = atNode.Where(entry => entry.Key.Item1 == jobId).Select(entry => entry.Value.At).Order().ToList();
        return times.Count < 2 ? double.NaN : (times.Count - 1) / Stopwatch.GetElapsedTime(times[0], times[^1]).TotalSeconds;
    }

    /// <summary>
    /// Adds, per preview frame (a step the node got with an image), the time from the node having it to the last
    /// client having it; returns the job's frame count and the frames some client got without their image.
    /// </summary>
    private static async Task<(int Frames, int WithoutImage)> CollectFrameLatenciesAsync(
        Guid jobId, List<BenchClient> clients, System.Collections.Concurrent.ConcurrentDictionary<(Guid, int), (long At, bool HasPreview)> atNode,
        List<double> latencies, CancellationToken cancellationToken)
    {
        var steps = atNode.Keys.Where(key => key.Item1 == jobId).Select(key => key.Item2).Order().ToList();
        await WaitForAsync(() => steps.All(step => clients.All(c => c.TryGetStep(jobId, step, out _))), DeliveryTimeout, cancellationToken);
        var frames = steps.Where(step => atNode[(jobId, step)].HasPreview).ToList();
        var withoutImage = 0;
        foreach (var step in frames)
        {
            var arrivals = clients.Select(c => c.TryGetStep(jobId, step, out var got) ? got : (At: long.MaxValue, HasPreview: false)).ToList();
            if (arrivals.Any(a => a.At == long.MaxValue))
            {
                continue;
            }

            withoutImage += arrivals.Any(a => !a.HasPreview) ? 1 : 0;
            latencies.Add(Stopwatch.GetElapsedTime(atNode[(jobId, step)].At, arrivals.Max(a => a.At)).TotalMilliseconds);
        }

        return (frames.Count, withoutImage);
    }

    /// <summary>The first client types one character at a time; each keystroke is timed until every other client has it.</summary>
    private async Task<List<double>> TypeAsync(Guid roomId, List<BenchClient> clients, CancellationToken cancellationToken)
    {
        var typist = clients[0].Connection;
        var snapshot = await typist.InvokeAsync<RoomSnapshot>("Snapshot", roomId, cancellationToken);
        var revision = snapshot.Prompt.Revision;
        var length = snapshot.Prompt.Text.Length;
        var latencies = new List<double>();
        for (var i = -WarmUpKeystrokes; i < settings.Keystrokes; i++)
        {
            var edit = new PromptEdit(Guid.NewGuid(), revision, TextOperation.Insert(length, length, "a"));
            var sentAt = Stopwatch.GetTimestamp();
            var applied = await typist.InvokeAsync<PromptApplied>("EditPrompt", roomId, PromptField.Prompt, edit, cancellationToken);
            revision = applied.Revision;
            length++;
            var others = clients.Skip(1).ToList();
            if (await WaitForAsync(() => others.All(c => c.TryGetEdit(edit.EditId, out _)), DeliveryTimeout, cancellationToken) && i >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sentAt, others.Max(c => c.TryGetEdit(edit.EditId, out var at) ? at : 0)).TotalMilliseconds);
            }

            await Task.Delay(settings.KeystrokeGap, cancellationToken);
        }

        return latencies;
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(1, cancellationToken);
        }

        return true;
    }

    private static long ManagedHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);
}
