namespace CollabCanvas.Rooms.Live;

/// <summary>Where a room's generation job stands.</summary>
public enum GenerationState
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>The room's current (or last) generation job, as everyone sees it.</summary>
/// <param name="QueuePosition">1 = next to run; 0 when running or finished.</param>
/// <param name="Message">Why it failed or was cancelled; notes about adjusted input.</param>
[GenerateSerializer, Immutable]
public sealed record GenerationStatus(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] Guid RequestedBy,
    [property: Id(2)] string RequestedByName,
    [property: Id(3)] GenerationState State,
    [property: Id(4)] int Step,
    [property: Id(5)] int TotalSteps,
    [property: Id(6)] TimeSpan Elapsed,
    [property: Id(7)] int QueuePosition,
    [property: Id(8)] int? Seed,
    [property: Id(9)] string? Message)
{
    public bool IsActive => State is GenerationState.Queued or GenerationState.Running;

    /// <summary>Estimated time left from the pace so far; null until a step has finished.</summary>
    public TimeSpan? EstimatedRemaining =>
        State == GenerationState.Running && Step > 0 ? Elapsed / Step * (TotalSteps - Step) : null;
}
