using System.Collections.Concurrent;
using CollabCanvas.Inference.Protocol;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Options;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Inference;

/// <summary>
/// Runs rooms' render jobs on inference workers (Remote mode) with the same contract as the in-process
/// <see cref="EngineRoomRenderer"/>: queue positions, start, steps with previews, the image or a failure go to the
/// room grain as <see cref="RenderReport"/>s. Jobs wait in the workers' queues, not here; a busy or unreachable
/// worker hands the job to the next one, and a worker lost mid-job ends it with a clear failure at once.
/// </summary>
internal sealed class RemoteRoomRenderer(WorkerPool workers, IGrainFactory grains, RenderJobImages jobImages,
    IOptions<RoomRenderingOptions> rendering, ILogger<RemoteRoomRenderer> logger)
    : IRoomRenderer, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _jobs = new();
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    public void Enqueue(RenderJob job)
    {
        var cancellation = new CancellationTokenSource();
        if (!_jobs.TryAdd(job.JobId, cancellation))
        {
            cancellation.Dispose();
            return; // the room sent this job already
        }

        // The run waits until it is registered, so its own clean-up always finds its entry.
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[job.JobId] = Task.Run(async () =>
        {
            await registered.Task;
            await RunAsync(job, cancellation.Token);
        });
        registered.SetResult();
    }

    public void Cancel(Guid jobId)
    {
        if (_jobs.TryGetValue(jobId, out var cancellation))
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It ended meanwhile.
            }
        }
    }

    private async Task RunAsync(RenderJob job, CancellationToken cancellationToken)
    {
        try
        {
            await ReportAsync(job, await DispatchAsync(job, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReportAsync(job, new RenderCancelled());
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Remote render {JobId} for room {RoomId} failed", job.JobId, job.RoomId);
            await ReportAsync(job, new RenderFailed("The image could not be generated because of an internal error; try again."));
        }
        finally
        {
            if (_jobs.TryRemove(job.JobId, out var cancellation))
            {
                cancellation.Dispose();
            }

            _running.TryRemove(job.JobId, out _);
        }
    }

    /// <summary>Tries workers in order of preference; returns the final report when no worker ended the job itself.</summary>
    private async Task<RenderReport?> DispatchAsync(RenderJob job, CancellationToken cancellationToken)
    {
        var model = job.Parameters.Model ?? workers.DefaultModel();
        if (model is null)
        {
            return new RenderFailed("No inference worker is reachable right now, so no model is available; try again in a moment.");
        }

        // The worker has no image store: the room's init image travels in the request, read here by hash.
        var (initImage, missing) = await jobImages.ResolveAsync(job, cancellationToken);
        if (missing is not null)
        {
            return new RenderFailed(missing);
        }

        var workerJob = new WorkerJob(job.JobId, RenderRequests.ToGenerationRequest(job, model, initImage, rendering.Value));
        var tried = new HashSet<WorkerLink>();
        var busy = 0;
        while (workers.Choose(model, tried) is { } worker)
        {
            tried.Add(worker);
            var outcome = await worker.RunAsync(workerJob, workerEvent => ReportAsync(job, ToReport(workerEvent, model)), cancellationToken);
            switch (outcome)
            {
                case JobOutcome.Finished:
                    return null;
                case JobOutcome.Lost:
                    return new RenderFailed($"The inference worker making this image ({worker.Url.Authority}) stopped responding; try again.");
                case JobOutcome.Busy:
                    busy++;
                    break;
            }
        }

        return busy > 0
            ? new RenderFailed("Every inference worker is busy (their queues are full); try again in a moment.")
            : new RenderFailed($"No reachable inference worker offers the model '{model}'; try again in a moment or pick another model.");
    }

    private static RenderReport? ToReport(WorkerEvent workerEvent, string model) => workerEvent switch
    {
        JobQueued queued => new RenderQueued(queued.Position),
        JobStarted started => new RenderStarted(started.TotalSteps, started.Seed, started.Notes),
        JobStepped step => new RenderStepped(step.Index, step.TotalSteps, step.Elapsed, step.Preview is { } preview
            ? new RoomImage(preview.Bytes, preview.ContentType, preview.Width, preview.Height)
            : null),
        JobCompleted completed => new RenderCompleted(
            new RoomImage(completed.Image.Bytes, completed.Image.ContentType, completed.Image.Width, completed.Image.Height),
            completed.Seed, completed.Elapsed, model),
        JobFailed failed => new RenderFailed(failed.Reason),
        JobCancelled => new RenderCancelled(),
        _ => null,
    };

    private async Task ReportAsync(RenderJob job, RenderReport? report)
    {
        if (report is null)
        {
            return;
        }

        try
        {
            await grains.GetGrain<IRoomGrain>(job.RoomId).ReportRender(job.JobId, report);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not report {Report} of render {JobId} to room {RoomId}", report.GetType().Name, job.JobId, job.RoomId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cancellation in _jobs.Values)
        {
            Cancel(cancellation);
        }

        await Task.WhenAll(_running.Values);
    }

    private static void Cancel(CancellationTokenSource cancellation)
    {
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It ended meanwhile.
        }
    }
}
