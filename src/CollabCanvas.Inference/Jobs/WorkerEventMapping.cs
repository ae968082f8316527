using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Inference.Protocol;

namespace CollabCanvas.Inference.Jobs;

/// <summary>The engine's events as they travel to clients.</summary>
internal static class WorkerEventMapping
{
    public static WorkerEvent ToWorkerEvent(GenerationEvent generationEvent) => generationEvent switch
    {
        GenerationStarted started => new JobStarted(started.TotalSteps, started.Seed, started.Notes),
        GenerationStep step => new JobStepped(step.Index, step.TotalSteps, step.Elapsed, step.Preview is { } preview
            ? new WorkerImage(preview.Image, preview.ContentType, preview.Width, preview.Height)
            : null),
        GenerationCompleted completed => new JobCompleted(
            new WorkerImage(completed.Png, "image/png", completed.Width, completed.Height), completed.Seed, completed.Timings.Total),
        GenerationFailed failed => new JobFailed(failed.Reason),
        _ => throw new InvalidOperationException($"Unknown generation event {generationEvent.GetType().Name}."),
    };
}
