using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Previews;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>
/// The engine's entry point: runs a <see cref="GenerationRequest"/> and streams its events. Every problem with the
/// request or the model becomes a single <see cref="GenerationFailed"/> event (never an exception, and nothing is
/// started for a bad request); cancelling the token ends the stream with <see cref="OperationCanceledException"/>
/// within a step. Requests for the same model run one after another, requests for different models side by side.
/// The heavy work runs on the thread pool, not on the caller's thread. <paramref name="time"/> (the system clock
/// when null) paces previews (<see cref="PreviewOptions.MinInterval"/>).
/// </summary>
public sealed class ImageGenerator(ModelCatalog catalog, ModelSessionPool sessionPool, IOptions<EngineOptions> options,
    ILogger<ImageGenerator> logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private readonly GenerationRequestValidator _validator = new(catalog, options.Value, new TokenizerCache());

    /// <summary>Checks a request without running it: null when it would be accepted, otherwise the reason.</summary>
    public string? Validate(GenerationRequest request)
    {
        try
        {
            _validator.Validate(request);
            return null;
        }
        catch (InvalidGenerationRequestException exception)
        {
            return exception.Message;
        }
    }

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(GenerationRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<GenerationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(request, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var generationEvent in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // ReadAllAsync hands out buffered events without looking at the token: check it per event.
                cancellationToken.ThrowIfCancellationRequested();
                yield return generationEvent;
            }
        }
        finally
        {
            // The consumer stopped (done, cancelled or gave up): stop the run and wait until it lets go of the model.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    private async Task ProduceAsync(GenerationRequest request, ChannelWriter<GenerationEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            var plan = _validator.Validate(request);
            var waiting = Stopwatch.StartNew();
            using var lease = await sessionPool.AcquireAsync(plan.Model, cancellationToken).ConfigureAwait(false);
            var queued = waiting.Elapsed;
            var previewFactors = LatentPreviewFactors.For(plan.Model.Paths, plan.Traits);
            var run = new GenerationRun(plan, lease.Sessions, previewFactors, _time);
            run.Execute(generationEvent => events.TryWrite(generationEvent), queued, cancellationToken);
            events.TryComplete();
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            events.TryComplete(exception);
        }
        catch (InvalidGenerationRequestException exception)
        {
            events.TryWrite(new GenerationFailed(exception.Message));
            events.TryComplete();
        }
        catch (Exception exception)
        {
            // The boundary of a background run: a broken model part or an ONNX Runtime error ends this request only.
            logger.LogError(exception, "Generation on model {Model} failed", request.Model);
            events.TryWrite(new GenerationFailed(Describe(request, exception)));
            events.TryComplete();
        }
    }

    private static string Describe(GenerationRequest request, Exception exception) => exception switch
    {
        Microsoft.ML.OnnxRuntime.OnnxRuntimeException => $"model '{request.Model}' could not be run: {FirstLine(exception.Message)}",
        InvalidDataException => $"model '{request.Model}': {exception.Message}",
        _ => $"generation failed: {FirstLine(exception.Message)}",
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
