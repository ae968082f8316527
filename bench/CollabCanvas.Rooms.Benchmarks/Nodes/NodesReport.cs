using System.Globalization;
using System.Text;

namespace CollabCanvas.Rooms.Benchmarks.Nodes;

/// <summary>Writes the web nodes benchmark's results as markdown, with the command that produced them and how to read them.</summary>
internal static class NodesReport
{
    public static string Write(NodesBenchSettings settings, string command, IReadOnlyList<NodesResult> results)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# Web nodes benchmark").AppendLine();
        text.AppendLine(invariant, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; the machine's load average is in each row.");
        text.AppendLine(invariant, $"{settings.Rooms} rooms × {settings.ClientsPerRoom} hub clients (MessagePack), model `{settings.Model}` from `{Path.GetRelativePath(Directory.GetCurrentDirectory(), settings.ModelsPath)}`, {settings.Size}×{settings.Size}, {settings.Steps} steps a job, a preview every step (`RoomRendering:PreviewMinInterval` 0); every room generates {settings.JobsPerRoom} jobs back to back after one warm-up job, all rooms at once.");
        text.AppendLine("The nodes form one Orleans cluster over a throwaway Redis (also for one node, so only the node count differs) and share one data folder; each is the real app on its own loopback port with the in-process engine, all hosted in the benchmark process with the clients. Room i lives on node i mod N; its clients are spread over the nodes in turn, so with two nodes half of them get its events from the other node.");
        text.AppendLine().AppendLine(invariant, $"Regenerate: `{command}`").AppendLine();
        text.AppendLine("| run | nodes | jobs | failed | steps/s (all rooms) | × one node (same run) | job pace p50, steps/s | preview fan-out p50 / p95 / max ms (room's node → last client) | cross-node p50 / p95 ms (→ last client on another node) | frames | frames some client got without image | benchmark process CPU, cores | load avg before → after |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var single = results.FirstOrDefault(other => other.Run == r.Run && other.Nodes == 1);
            var ratio = single is { StepsPerSecond: > 0 } ? (r.StepsPerSecond / single.StepsPerSecond).ToString("F2", invariant) : "–";
            var cross = r.CrossNodeFanOut.Count == 0 ? "–" : string.Create(invariant, $"{r.CrossNodeFanOut.P50:F1} / {r.CrossNodeFanOut.P95:F1}");
            text.AppendLine(invariant,
                $"| {r.Run} | {r.Nodes} | {r.Completed} | {r.Failed} | {r.StepsPerSecond:F1} | {ratio} | {r.JobPaceMedian:F1} | {r.FanOut.P50:F1} / {r.FanOut.P95:F1} / {r.FanOut.Max:F1} | {cross} | {r.FanOut.Count} | {r.FramesWithoutImage} | {r.BenchCpuShare:F2} | {r.LoadBefore} → {r.LoadAfter} |");
        }

        text.AppendLine();
        foreach (var group in results.GroupBy(r => r.Nodes).OrderBy(group => group.Key))
        {
            var ratios = group.Select(r => r.StepsPerSecond / (results.FirstOrDefault(other => other.Run == r.Run && other.Nodes == 1)?.StepsPerSecond ?? double.NaN))
                .Where(double.IsFinite).ToList();
            text.AppendLine(invariant,
                $"**{group.Key} node(s), median over {group.Count()} run(s)**: {Median(group.Select(r => r.StepsPerSecond)):F1} steps/s{(group.Key > 1 && ratios.Count > 0 ? string.Create(invariant, $" (× {Median(ratios):F2} one node)") : "")}, preview fan-out p50 {Median(group.Select(r => r.FanOut.P50)):F1} ms, p95 {Median(group.Select(r => r.FanOut.P95)):F1} ms.  ");
        }

        text.AppendLine().AppendLine("## Reading it").AppendLine();
        text.AppendLine("- **steps/s (all rooms)**: the steps of every job completed over the time from the first request to the last job reaching all its room's clients. With one node, one engine makes the six rooms' jobs one after the other; with two, each node's engine makes its rooms' jobs, so the two share the cores.");
        text.AppendLine("- **job pace**: one job's steps per second as its room's node received them (first to last step).");
        text.AppendLine("- **preview fan-out**: per preview frame, from the room's node having the step to the last of the room's clients having it; cross-node: to the last client connected to another node (the event goes from the room's grain to that node's relay, then to its connections).");
        text.AppendLine("- **load average**: the machine's run-queue length around the measured phase, the benchmark included. On a shared 2-core machine with a load well above 2, other work took part of the CPU: compare runs of similar load, and read the ratio with care.");
        text.AppendLine("- **What it is not**: the nodes share one process (one GC, one thread pool) and one machine; it shows what clustering adds to the path of a preview, not what separate machines would gain.");
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}
