using System.Globalization;
using System.Text;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>Writes the results as markdown, with the command that produced them and how to read them.</summary>
internal static class ResultsReport
{
    /// <param name="minInterval">The app's <c>RoomRendering:PreviewMinInterval</c> (the capped runs).</param>
    /// <param name="loadBefore">The machine's load average (1, 5, 15 min) as the run started; <paramref name="loadAfter"/> as it ended.</param>
    public static string Write(BenchSettings settings, string model, string command, IReadOnlyList<ScenarioResult> results,
        TimeSpan minInterval, LoadAverage loadBefore, LoadAverage loadAfter)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Rooms hub benchmark").AppendLine();
        text.AppendLine(invariant, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other work: timings are noisy, compare within a run), .NET {Environment.Version}.");
        text.AppendLine(invariant, $"Model `{model}` from `{Path.GetRelativePath(Directory.GetCurrentDirectory(), settings.ModelsPath)}` (the first available, as a room with no model chosen gets), {settings.Steps} steps a job, {settings.Runs} jobs each with previews as the app is set (at most one per {minInterval.TotalMilliseconds:0} ms, `RoomRendering:PreviewMinInterval`), off, and on every step (taking turns, each round starting with the next mode, every job after a full collection; one warm-up first), {settings.Keystrokes} keystrokes {settings.KeystrokeGap.TotalMilliseconds} ms apart.");
        text.AppendLine(invariant, $"Load average (1 / 5 / 15 min) at the start: {loadBefore}; at the end: {loadAfter}.");
        text.AppendLine("The app runs in the benchmark process on a loopback Kestrel port; every client is a SignalR .NET client on the MessagePack protocol, signed in through the app's own forms (one account, the rest guests joined by code).");
        text.AppendLine().AppendLine(invariant, $"Regenerate: `{command}`").AppendLine();
        text.AppendLine("| clients | steps/s previews on (capped) | steps/s previews off | ratio on / off (target ≥ 0.97) | steps/s every step | ratio every step / off | preview frames a job min / p50 | frame → all clients p50 / p95 ms (target p95 ≤ 50) | frames some client got without image | keystroke → all others p50 / p95 ms (target ≤ 50) | managed heap per participant |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(invariant,
                $"| {r.Clients} | {r.StepsPerSecondPreviewsOn:F1} | {r.StepsPerSecondPreviewsOff:F1} | {r.StepsPerSecondPreviewsOn / r.StepsPerSecondPreviewsOff:F3} | {r.StepsPerSecondEveryStep:F1} | {r.StepsPerSecondEveryStep / r.StepsPerSecondPreviewsOff:F3} | {Minimum(r.PreviewFrames)} / {r.PreviewFrames.P50:F0} | {r.StepToAllClients.P50:F1} / {r.StepToAllClients.P95:F1} (n={r.StepToAllClients.Count}) | {r.FramesWithoutImageSomewhere} of {r.FramesMeasured} | {r.KeystrokeToAllOthers.P50:F1} / {r.KeystrokeToAllOthers.P95:F1} (n={r.KeystrokeToAllOthers.Count}) | {r.ManagedBytesPerParticipant / 1024:F0} KiB |");
        }

        text.AppendLine().AppendLine("## Reading it").AppendLine();
        text.AppendLine("- **steps/s**: the denoising loop's pace as this node sees it (steps between the first and the last step event of a job arriving from the room grain; the renderer waits for each step's report to the room before the next step), median of the runs. All three are the app's own renderer (`EngineRoomRenderer`): *capped* with appsettings.json's `RoomRendering` (a preview on the first and last step and otherwise at most one per `PreviewMinInterval`; the engine skips the others before projecting or encoding them), *off* with `StepPreviews` off (steps without images), *every step* with the interval set to zero. A small model's step costs a few milliseconds, so a preview on every step (projection, PNG encoding, fan-out to every client on the same cores) is a large share of a step; the cap bounds that cost by time instead of by step. On a model whose steps take longer than the interval every step still gets its preview.");
        text.AppendLine("- **preview frames a job**: preview images the node received per capped job (lowest and median); the acceptance test wants at least 3 distinct frames in the browser.");
        text.AppendLine("- **frame → all clients**: for each capped job's preview frame, from the moment this node receives the step from the room grain (the renderer reports each step to the grain and waits for it, so this is within a grain hop of the step finishing) to the moment the last of the N clients has the step event with its preview bytes. Clients and server share the machine's cores.");
        text.AppendLine("- **frames some client got without image**: frames the hub sent without their image because a newer frame had overtaken them after waiting over 100 ms (the newest-frame rule); 0 means every client got every frame the engine made.");
        text.AppendLine("- **keystroke → all others**: from the typist invoking `EditPrompt` to the last other client receiving the `PromptEdited` event.");
        text.AppendLine("- **managed heap per participant**: growth of the process's managed heap (after full collections) from before the N clients connected to after they all joined, divided by N. Server and clients share the process, so this counts both sides of each connection: an upper bound for the server's share. Native buffers (sockets, pipes) are not included.");
        return text.ToString();
    }

    private static string Minimum(Percentiles frames) => frames.Count == 0 ? "–" : frames.Min.ToString("F0", CultureInfo.InvariantCulture);
}
