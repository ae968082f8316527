using System.Globalization;
using System.Text;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>Writes the results as markdown, with the command that produced them and how to read them.</summary>
internal static class ResultsReport
{
    public static string Write(BenchSettings settings, string model, string command, IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Rooms hub benchmark").AppendLine();
        text.AppendLine(invariant, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other work: timings are noisy, compare within a run), .NET {Environment.Version}.");
        text.AppendLine(invariant, $"Model `{model}` from `{Path.GetRelativePath(Directory.GetCurrentDirectory(), settings.ModelsPath)}` (the first available, as a room with no model chosen gets), {settings.Steps} steps a job, {settings.Runs} jobs with previews on and {settings.Runs} off (alternating, after one warm-up), {settings.Keystrokes} keystrokes {settings.KeystrokeGap.TotalMilliseconds} ms apart.");
        text.AppendLine("The app runs in the benchmark process on a loopback Kestrel port; every client is a SignalR .NET client on the MessagePack protocol, signed in through the app's own forms (one account, the rest guests joined by code).");
        text.AppendLine().AppendLine(invariant, $"Regenerate: `{command}`").AppendLine();
        text.AppendLine("| clients | steps/s previews on | steps/s previews off | ratio (target ≥ 0.97) | step → all clients p50 / p95 ms (target p95 ≤ 50) | steps where some client got no image | keystroke → all others p50 / p95 ms (target ≤ 50) | managed heap per participant |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(invariant,
                $"| {r.Clients} | {r.StepsPerSecondPreviewsOn:F1} | {r.StepsPerSecondPreviewsOff:F1} | {r.StepsPerSecondPreviewsOn / r.StepsPerSecondPreviewsOff:F3} | {r.StepToAllClients.P50:F1} / {r.StepToAllClients.P95:F1} (n={r.StepToAllClients.Count}) | {r.StepsWithoutImageSomewhere} of {r.StepsMeasured} | {r.KeystrokeToAllOthers.P50:F1} / {r.KeystrokeToAllOthers.P95:F1} (n={r.KeystrokeToAllOthers.Count}) | {r.ManagedBytesPerParticipant / 1024:F0} KiB |");
        }

        text.AppendLine().AppendLine("## Reading it").AppendLine();
        text.AppendLine("- **steps/s**: the denoising loop's pace as this node sees it (steps between the first and the last step event of a job arriving from the room grain; the renderer waits for each step's report to the room before the next step), median of the runs. Previews off is the app's own renderer (`EngineRoomRenderer`) with `RoomRendering:StepPreviews` off, asking the engine for no preview images. A fixture UNet step costs a millisecond or two, so a preview (projection, PNG encoding, fan-out to every client on the same 2 cores) is a large share of a step here; on a real model a step costs tens to thousands of milliseconds and the same fixed preview cost is a small share. The ratio on the fixture is a worst case, not the figure for a real model.");
        text.AppendLine("- **step → all clients**: from the moment this node receives the step from the room grain (the renderer reports each step to the grain and waits for it, so this is within a grain hop of the step finishing) to the moment the last of the N clients has the step event, preview bytes included. Clients and server share the machine's cores.");
        text.AppendLine("- **steps where some client got no image**: frames the hub sent without their image because a newer frame had overtaken them after waiting over 100 ms (the newest-frame rule); 0 means every client got every frame.");
        text.AppendLine("- **keystroke → all others**: from the typist invoking `EditPrompt` to the last other client receiving the `PromptEdited` event.");
        text.AppendLine("- **managed heap per participant**: growth of the process's managed heap (after full collections) from before the N clients connected to after they all joined, divided by N. Server and clients share the process, so this counts both sides of each connection: an upper bound for the server's share. Native buffers (sockets, pipes) are not included.");
        return text.ToString();
    }
}
