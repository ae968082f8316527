using System.Runtime.CompilerServices;
using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Inference.Jobs;
using CollabCanvas.Inference.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace CollabCanvas.Inference.Hubs;

/// <summary>
/// The worker's hub (<see cref="InferenceHubContract"/>): generate with a stream of events, cancel, list the models,
/// read the load. Every call needs a valid access token (the endpoint's authorization policy); a bad request is
/// answered with <see cref="JobFailed"/> before it takes a place in the queue.
/// </summary>
internal sealed class InferenceHub(DeviceJobQueue queue, ImageGenerator generator, ModelCatalog catalog) : Hub
{
    public async IAsyncEnumerable<WorkerEvent> Generate(WorkerJob job, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Refuse(job) is { } refusal)
        {
            yield return refusal;
            yield break;
        }

        var enqueued = queue.TryEnqueue(job);
        if (enqueued.Accepted is not { } accepted)
        {
            yield return enqueued.Refusal!;
            yield break;
        }

        try
        {
            await foreach (var workerEvent in accepted.Events.ReadAllAsync(cancellationToken))
            {
                yield return workerEvent;
            }
        }
        finally
        {
            // The caller stopped listening (cancelled the stream or went away): the device should not keep
            // working for nobody. A job that already ended is no longer in the queue, so this does nothing.
            if (cancellationToken.IsCancellationRequested)
            {
                queue.Cancel(job.JobId);
            }
        }
    }

    public bool Cancel(Guid jobId) => queue.Cancel(jobId);

    public IReadOnlyList<WorkerModel> Models() =>
        catalog.Models.Select(model => new WorkerModel(model.Name, model.IsAvailable, model.Problem)).ToList();

    public WorkerLoad Load() => queue.Load;

    private WorkerEvent? Refuse(WorkerJob? job)
    {
        if (job?.Request is null || job.JobId == Guid.Empty)
        {
            return new JobFailed("A job needs a non-empty job id and a request.");
        }

        return generator.Validate(job.Request) is { } problem ? new JobFailed(problem) : null;
    }
}
