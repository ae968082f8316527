using System.Globalization;
using System.Text;

namespace CollabCanvas.Rooms.Benchmarks.Workers;

/// <summary>Writes the workers benchmark's results as markdown, with the command that produced them and how to read them.</summary>
internal static class WorkersReport
{
    public static string Write(WorkersBenchSettings settings, string command, IReadOnlyList<WorkersResult> results)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# Inference workers benchmark").AppendLine();
        text.AppendLine(invariant, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}. Load average (1 / 5 / 15 min) when the first run's window opened: {results.FirstOrDefault()?.LoadBefore}.");
        text.AppendLine(invariant, $"Model `{settings.Model}` from `{Path.GetRelativePath(Directory.GetCurrentDirectory(), settings.ModelsPath)}`, {settings.Size}×{settings.Size}, {settings.Steps} steps a job, a preview for every step (`RoomRendering:PreviewMinInterval` 0); {settings.Rooms} rooms × {settings.ClientsPerRoom} hub clients (MessagePack), every room generating back to back; jobs counted over a {settings.Window.TotalSeconds:0} s window after one warm-up job per room.");
        text.AppendLine(invariant, $"Each worker is its own process (`dotnet CollabCanvas.Inference.dll`) on the {settings.Provider} provider with `Inference:IntraOpThreads` = {settings.IntraOpThreads} and a queue of {settings.Rooms}; the web app runs in Remote mode in the benchmark process with the clients, on loopback.");
        text.AppendLine().AppendLine(invariant, $"Regenerate: `{command}`").AppendLine();
        text.AppendLine("| run | workers | jobs done in window | jobs/min | × one worker (same run) | job time p50 / p95 s (request → every client has the image) | steps with a preview at a client | failed | worker CPU, cores busy (each) | worker CPU s per job | benchmark process CPU (web app + clients), cores | load avg before → after |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|");
        foreach (var r in results)
        {
            var single = results.FirstOrDefault(other => other.Run == r.Run && other.Workers == 1);
            var ratio = single is { JobsPerMinute: > 0 } ? (r.JobsPerMinute / single.JobsPerMinute).ToString("F2", invariant) : "–";
            text.AppendLine(invariant,
                $"| {r.Run} | {r.Workers} | {r.Completed} | {r.JobsPerMinute:F1} | {ratio} | {r.JobSeconds.P50:F2} / {r.JobSeconds.P95:F2} | {r.StepsWithPreview} of {r.StepsSeen} | {r.Failed} | {string.Join(", ", r.WorkerCpuShares.Select(share => share.ToString("F2", invariant)))} | {r.WorkerCpuSecondsPerJob:F2} | {r.BenchCpuShare:F2} | {r.LoadBefore} → {r.LoadAfter} |");
        }

        var ratios = results.Where(r => r.Workers > 1)
            .Select(r => (r.Workers, Ratio: r.JobsPerMinute / (results.FirstOrDefault(other => other.Run == r.Run && other.Workers == 1)?.JobsPerMinute ?? double.NaN)))
            .Where(r => double.IsFinite(r.Ratio))
            .GroupBy(r => r.Workers)
            .ToList();
        if (ratios.Count > 0)
        {
            text.AppendLine();
            foreach (var group in ratios)
            {
                var sorted = group.Select(r => r.Ratio).Order().ToList();
                text.AppendLine(invariant, $"**{group.Key} workers vs 1: median × {sorted[sorted.Count / 2]:F2} over {sorted.Count} run(s)** (issue target for 2: ≥ 1.8).");
            }
        }

        text.AppendLine().AppendLine("## Reading it").AppendLine();
        text.AppendLine("- **jobs/min**: jobs that reached every client of their room with the image inside the window, per minute. Every room asks for its next job as soon as its last one ended, so with more rooms than workers every worker always has a job waiting (the dispatcher sends each job to the least loaded worker).");
        text.AppendLine("- **× one worker**: jobs/min against the one-worker run of the same round (runs alternate, so both saw similar machine load).");
        text.AppendLine("- **worker CPU**: CPU time each worker process used during the window divided by the window. One ONNX thread per worker means a worker that is never starved shows about 1.0 (a little more: previews, PNG encoding and SignalR run on other threads). Below that, the worker waited for a core (a busy machine) or for work.");
        text.AppendLine("- **worker CPU s per job**: the workers' CPU time in the window over the jobs done in it. When it holds steady from one worker to two, the work per job did not grow with the workers (no contention inside them) and jobs/min follows the CPU time the machine gave them.");
        text.AppendLine("- **benchmark process CPU**: the web app (room grains, dispatcher, fan-out of every preview to every client) and all the hub clients, which share the process. Workers, web app and clients share the machine's cores: on a 2-core machine two one-thread workers can only approach 2× when the web app's share and everything else running on the machine leave them two cores.");
        text.AppendLine("- **load average**: the machine's run-queue length before and at the end of the window, the benchmark included; anything well above the cores the benchmark uses means other work took part of the CPU, and the ratio then says more about the machine than about the workers.");
        return text.ToString();
    }
}
