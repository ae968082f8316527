using System.Threading.Channels;
using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>
/// The app's renderer loop (one job at a time, progress reported to the room grain per step) with one switch
/// the app does not have: per-step previews on or off, so the benchmark can compare the two on the same engine.
/// Previews are requested exactly as the app's renderer requests them (latent projection, 4× upscale, PNG).
/// </summary>
internal sealed class BenchRenderer(ImageGenerator generator, ModelCatalog catalog, IGrainFactory grains) : IRoomRenderer, IAsyncDisposable
{
    private readonly Channel<RenderJob> _jobs = Channel.CreateUnbounded<RenderJob>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private (Guid JobId, CancellationTokenSource Cancellation)? _running;
    private Task? _loop;
    private int _disposed;

    /// <summary>Whether jobs produce a preview image every step; set between runs.</summary>
    public bool Previews { get; set; } = true;

    public void Enqueue(RenderJob job)
    {
        lock (_gate)
        {
            _loop ??= RunLoopAsync(_stopping.Token);
        }

        _jobs.Writer.TryWrite(job);
    }

    public void Cancel(Guid jobId)
    {
        lock (_gate)
        {
            if (_running is { } running && running.JobId == jobId)
            {
                running.Cancellation.Cancel();
            }
        }
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync(cancellationToken))
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            lock (_gate)
            {
                _running = (job.JobId, cancellation);
            }

            await RunAsync(job, cancellation.Token);
            lock (_gate)
            {
                _running = null;
            }
        }
    }

    private async Task RunAsync(RenderJob job, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IRoomGrain>(job.RoomId);
        var model = job.Parameters.Model ?? catalog.Models.First(entry => entry.IsAvailable).Name;
        var request = new GenerationRequest(
            model, job.Prompt, job.NegativePrompt, job.Parameters.Steps, job.Parameters.Scheduler, job.Parameters.Guidance,
            job.Parameters.Seed, job.Parameters.Width, job.Parameters.Height, job.InitImage, job.Parameters.Strength, job.Mask,
            Previews ? new PreviewOptions(Upscale: 4) : PreviewOptions.None);
        try
        {
            await foreach (var generationEvent in generator.GenerateAsync(request, cancellationToken))
            {
                RenderReport report = generationEvent switch
                {
                    GenerationStarted started => new RenderStarted(started.TotalSteps, started.Seed, started.Notes),
                    GenerationStep step => new RenderStepped(step.Index, step.TotalSteps, step.Elapsed, step.Preview is { } preview
                        ? new RoomImage(preview.Image, preview.ContentType, preview.Width, preview.Height)
                        : null),
                    GenerationCompleted completed => new RenderCompleted(
                        new RoomImage(completed.Png, "image/png", completed.Width, completed.Height), completed.Seed, completed.Timings.Total),
                    GenerationFailed failed => new RenderFailed(failed.Reason),
                    _ => throw new InvalidOperationException($"Unknown generation event {generationEvent.GetType().Name}."),
                };
                await grain.ReportRender(job.JobId, report);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await grain.ReportRender(job.JobId, new RenderCancelled());
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as IRoomRenderer: the container hands both registrations to disposal.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _jobs.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        _stopping.Dispose();
    }
}
