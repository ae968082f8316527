using CollabCanvas.Engine.Pipeline;

namespace CollabCanvas.Inference.Protocol;

/// <summary>
/// One image to make on a worker. The caller names the job (<paramref name="JobId"/>), so it can cancel it with
/// <c>Cancel(jobId)</c> from any connection; a worker refuses a second live job with the same id.
/// </summary>
public sealed record WorkerJob(Guid JobId, GenerationRequest Request);
