using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Inference.Hubs;
using CollabCanvas.Inference.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Inference.Jobs;

/// <summary>
/// This worker's device: one job runs at a time, at most <see cref="InferenceWorkerOptions.QueueCapacity"/> wait
/// behind it in arrival order, and a job beyond that is refused with <see cref="JobBusy"/> at once, so memory
/// stays bounded however many clients call. Waiting jobs learn their position whenever the queue moves, and every
/// connected client learns the worker's <see cref="WorkerLoad"/> (the web app's dispatcher reads it).
/// </summary>
internal sealed class DeviceJobQueue(
    ImageGenerator generator,
    IOptions<InferenceWorkerOptions> options,
    IHubContext<InferenceHub> hub,
    ILogger<DeviceJobQueue> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly LinkedList<QueuedJob> _waiting = new();
    private readonly HashSet<string> _warmModels = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly int _capacity = options.Value.QueueCapacity;
    private QueuedJob? _running;

    public WorkerLoad Load
    {
        get
        {
            lock (_gate)
            {
                return new WorkerLoad(_running is null ? 0 : 1, _waiting.Count, _capacity, _warmModels.Order(StringComparer.Ordinal).ToList());
            }
        }
    }

    public EnqueueResult TryEnqueue(WorkerJob job)
    {
        var queued = new QueuedJob(job);
        lock (_gate)
        {
            if (_running?.JobId == job.JobId || _waiting.Any(waiting => waiting.JobId == job.JobId))
            {
                return new EnqueueResult(null, new JobFailed($"A job with id {job.JobId} is already on this worker."));
            }

            // The running slot is free when nothing runs: a job taken by the runner no longer counts as waiting.
            var room = _capacity + (_running is null ? 1 : 0);
            if (_waiting.Count >= room)
            {
                return new EnqueueResult(null, new JobBusy(
                    $"This inference worker is busy: one job is running and {_waiting.Count} are waiting (its queue holds {_capacity}). Try again in a moment."));
            }

            _waiting.AddLast(queued);
        }

        _signal.Release();
        ReportPositions();
        return new EnqueueResult(queued, null);
    }

    /// <summary>Stops the running job at its next step or takes a waiting one out; false when the job is not here.</summary>
    public bool Cancel(Guid jobId)
    {
        QueuedJob? removed = null;
        lock (_gate)
        {
            if (_running?.JobId == jobId)
            {
                _running.Cancellation.Cancel();
                return true;
            }

            for (var node = _waiting.First; node is not null; node = node.Next)
            {
                if (node.Value.JobId == jobId)
                {
                    removed = node.Value;
                    _waiting.Remove(node);
                    break;
                }
            }
        }

        if (removed is null)
        {
            return false;
        }

        removed.Finish(new JobCancelled());
        removed.Cancellation.Dispose();
        ReportPositions();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(stoppingToken);
                QueuedJob? next;
                lock (_gate)
                {
                    next = _waiting.First?.Value;
                    if (next is null)
                    {
                        continue; // it was cancelled while waiting
                    }

                    _waiting.RemoveFirst();
                    _running = next;
                }

                ReportPositions();
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, next.Cancellation.Token))
                {
                    await RunAsync(next, linked.Token, stoppingToken);
                }

                lock (_gate)
                {
                    _running = null;
                }

                next.Cancellation.Dispose();
                BroadcastLoad();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whoever still waits is told so rather than left hanging.
        }

        List<QueuedJob> abandoned;
        lock (_gate)
        {
            abandoned = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var job in abandoned)
        {
            job.Finish(new JobFailed("The inference worker is shutting down; try again."));
        }
    }

    private async Task RunAsync(QueuedJob job, CancellationToken cancellationToken, CancellationToken stoppingToken)
    {
        var request = job.Job.Request;
        try
        {
            await foreach (var generationEvent in generator.GenerateAsync(request, cancellationToken))
            {
                if (generationEvent is GenerationStarted)
                {
                    lock (_gate)
                    {
                        _warmModels.Add(request.Model);
                    }
                }

                job.Report(WorkerEventMapping.ToWorkerEvent(generationEvent));
            }

            job.Finish();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.Finish(stoppingToken.IsCancellationRequested
                ? new JobFailed("The inference worker is shutting down; try again.")
                : new JobCancelled());
        }
        catch (Exception ex)
        {
            // The engine reports bad input as events; anything thrown here is a fault of ours or of the device.
            logger.LogError(ex, "Job {JobId} on model {Model} failed", job.JobId, request.Model);
            job.Finish(new JobFailed("The image could not be generated because of an internal error on the inference worker; try again."));
        }
    }

    private void ReportPositions()
    {
        List<QueuedJob> waiting;
        lock (_gate)
        {
            waiting = [.. _waiting];
        }

        for (var index = 0; index < waiting.Count; index++)
        {
            waiting[index].Report(new JobQueued(index + 1));
        }

        BroadcastLoad();
    }

    private void BroadcastLoad()
    {
        var load = Load;
        _ = SendLoadAsync(load);
    }

    private async Task SendLoadAsync(WorkerLoad load)
    {
        try
        {
            await hub.Clients.All.SendAsync(InferenceHubContract.LoadChanged, load);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not send the worker's load to its clients");
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
