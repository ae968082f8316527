namespace CollabCanvas.Inference.Protocol;

/// <summary>A model folder on a worker, usable or not (<paramref name="Problem"/> says why not).</summary>
public sealed record WorkerModel(string Name, bool IsAvailable, string? Problem);

/// <summary>
/// How busy a worker is: <paramref name="Running"/> jobs on its device (0 or 1), <paramref name="Queued"/> waiting,
/// <paramref name="QueueCapacity"/> the most that may wait (beyond it a job is answered <see cref="JobBusy"/>).
/// <paramref name="WarmModels"/> have run on it already, so their sessions are loaded (the dispatcher's affinity).
/// </summary>
public sealed record WorkerLoad(int Running, int Queued, int QueueCapacity, IReadOnlyList<string> WarmModels);
