namespace CollabCanvas.Rooms.Live;

/// <summary>
/// What the room asks the renderer to make: the recipe at the moment Generate was pressed. The image to start from
/// is either <see cref="InitImage"/> (bytes the room holds: its last result) or <see cref="InitImageHash"/> (the
/// room's init image, which the renderer loads from the app's image store: the room knows nothing of the store).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RenderJob(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] Guid RoomId,
    [property: Id(2)] string Prompt,
    [property: Id(3)] string NegativePrompt,
    [property: Id(4)] RoomParameters Parameters,
    [property: Id(5)] byte[]? InitImage,
    [property: Id(6)] byte[]? Mask,
    [property: Id(7)] string? InitImageHash = null)
{
    /// <summary>What the engine will be asked to do with this job.</summary>
    public RenderMode Mode => (InitImage ?? (object?)InitImageHash, Mask) switch
    {
        (null, _) => RenderMode.TextToImage,
        (_, null) => RenderMode.ImageToImage,
        _ => RenderMode.Inpainting,
    };
}

/// <summary>How a render job starts: from noise, from an image (with the room's strength), or repainting a masked part of one.</summary>
public enum RenderMode
{
    TextToImage,
    ImageToImage,
    Inpainting,
}

/// <summary>Progress of a render, reported back to the room grain.</summary>
[GenerateSerializer, Immutable]
public abstract record RenderReport;

/// <summary>Waiting for the device; <paramref name="Position"/> 1 = next.</summary>
[GenerateSerializer, Immutable]
public sealed record RenderQueued([property: Id(0)] int Position) : RenderReport;

[GenerateSerializer, Immutable]
public sealed record RenderStarted([property: Id(0)] int TotalSteps, [property: Id(1)] int Seed, [property: Id(2)] IReadOnlyList<string> Notes) : RenderReport;

[GenerateSerializer, Immutable]
public sealed record RenderStepped([property: Id(0)] int Index, [property: Id(1)] int TotalSteps, [property: Id(2)] TimeSpan Elapsed, [property: Id(3)] RoomImage? Preview) : RenderReport;

/// <param name="Model">The model that ran (the renderer picks one when the room names none).</param>
[GenerateSerializer, Immutable]
public sealed record RenderCompleted([property: Id(0)] RoomImage Image, [property: Id(1)] int Seed, [property: Id(2)] TimeSpan Elapsed, [property: Id(3)] string? Model = null) : RenderReport;

[GenerateSerializer, Immutable]
public sealed record RenderFailed([property: Id(0)] string Reason) : RenderReport;

[GenerateSerializer, Immutable]
public sealed record RenderCancelled : RenderReport;

/// <summary>
/// Runs render jobs on this node's device, one at a time per model in arrival order, reporting each job's
/// progress to its room grain (<see cref="IRoomGrain.ReportRender"/>). A room has at most one job queued or
/// running, so arrival order is round-robin across rooms.
/// </summary>
public interface IRoomRenderer
{
    void Enqueue(RenderJob job);

    /// <summary>Stops the job at its next step boundary (or removes it from the queue).</summary>
    void Cancel(Guid jobId);
}
