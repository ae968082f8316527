using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Options;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Live;

/// <summary>
/// Runs rooms' render jobs with the in-process engine: one job at a time on this node's device, rooms taking
/// turns (<see cref="RenderQueue"/>). Progress goes back to the room grain, which publishes it; everyone
/// queued learns their position whenever the queue moves. A room's init image travels as its hash and is read
/// from the image store here, when the job runs.
/// </summary>
internal sealed class EngineRoomRenderer(
    ImageGenerator generator,
    ModelCatalog catalog,
    IGrainFactory grains,
    RenderJobImages jobImages,
    IOptions<RoomRenderingOptions> options,
    ILogger<EngineRoomRenderer> logger) : BackgroundService, IRoomRenderer
{
    private readonly Lock _gate = new();
    private readonly RenderQueue _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private (Guid JobId, CancellationTokenSource Cancellation)? _running;

    public void Enqueue(RenderJob job)
    {
        _queue.Enqueue(job);
        _signal.Release();
        _ = ReportPositionsAsync();
    }

    public void Cancel(Guid jobId)
    {
        RenderJob? removed;
        lock (_gate)
        {
            // Under the same lock as starting a job, so a cancel never falls between "waiting" and "running".
            if (_running is { } running && running.JobId == jobId)
            {
                running.Cancellation.Cancel();
                return;
            }

            removed = _queue.RemoveWaiting(jobId);
        }

        if (removed is not null)
        {
            _ = ReportAsync(removed, new RenderCancelled());
            _ = ReportPositionsAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _signal.WaitAsync(stoppingToken);
            RenderJob? next;
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            lock (_gate)
            {
                next = _queue.TryStart();
                if (next is null)
                {
                    continue; // it was cancelled while queued
                }

                _running = (next.JobId, cancellation);
            }

            try
            {
                await ReportPositionsAsync();
                await RunAsync(next, cancellation.Token);
            }
            finally
            {
                lock (_gate)
                {
                    _running = null;
                }

                _queue.Finish(next.JobId);
            }
        }
    }

    private async Task RunAsync(RenderJob job, CancellationToken cancellationToken)
    {
        var model = job.Parameters.Model ?? catalog.Models.FirstOrDefault(entry => entry.IsAvailable)?.Name;
        if (model is null)
        {
            await ReportAsync(job, new RenderFailed("No model is installed: put a diffusers ONNX export in the models folder."));
            return;
        }

        try
        {
            var (initImage, missing) = await jobImages.ResolveAsync(job, cancellationToken);
            if (missing is not null)
            {
                await ReportAsync(job, new RenderFailed(missing));
                return;
            }

            var request = RenderRequests.ToGenerationRequest(job, model, initImage, options.Value);
            await foreach (var generationEvent in generator.GenerateAsync(request, cancellationToken))
            {
                await ReportAsync(job, ToReport(generationEvent, model));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReportAsync(job, new RenderCancelled());
        }
        catch (Exception ex)
        {
            // The engine reports bad input as events; anything thrown here is a fault of ours or the device.
            logger.LogError(ex, "Render {JobId} for room {RoomId} failed", job.JobId, job.RoomId);
            await ReportAsync(job, new RenderFailed("The image could not be generated because of an internal error; try again."));
        }
    }

    private static RenderReport ToReport(GenerationEvent generationEvent, string model) => generationEvent switch
    {
        GenerationStarted started => new RenderStarted(started.TotalSteps, started.Seed, started.Notes),
        GenerationStep step => new RenderStepped(step.Index, step.TotalSteps, step.Elapsed, step.Preview is { } preview
            ? new RoomImage(preview.Image, preview.ContentType, preview.Width, preview.Height)
            : null),
        GenerationCompleted completed => new RenderCompleted(
            new RoomImage(completed.Png, "image/png", completed.Width, completed.Height), completed.Seed, completed.Timings.Total, model),
        GenerationFailed failed => new RenderFailed(failed.Reason),
        _ => throw new InvalidOperationException($"Unknown generation event {generationEvent.GetType().Name}."),
    };

    private async Task ReportPositionsAsync()
    {
        var queued = _queue.Waiting;
        for (var index = 0; index < queued.Count; index++)
        {
            await ReportAsync(queued[index], new RenderQueued(index + 1));
        }
    }

    private async Task ReportAsync(RenderJob job, RenderReport report)
    {
        try
        {
            await grains.GetGrain<IRoomGrain>(job.RoomId).ReportRender(job.JobId, report);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not report {Report} of render {JobId} to room {RoomId}", report.GetType().Name, job.JobId, job.RoomId);
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
