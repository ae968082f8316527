using CollabCanvas.Inference.Protocol;

namespace CollabCanvas.Inference.Jobs;

/// <summary>Either the accepted job, or the event that refuses it (busy, or a job id already in use).</summary>
internal sealed record EnqueueResult(QueuedJob? Accepted, WorkerEvent? Refusal);
