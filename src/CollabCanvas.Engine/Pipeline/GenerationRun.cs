using System.Diagnostics;
using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Previews;
using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>
/// One generation on a model whose sessions the caller holds exclusively: the diffusers pipeline loop for
/// txt2img, img2img and both kinds of inpainting. Reports events through <c>emit</c>; cancellation is checked
/// at every step boundary (and stops a running network through ONNX Runtime's terminate flag).
/// </summary>
internal sealed class GenerationRun(GenerationPlan plan, ModelSessions sessions, LatentPreviewFactors? previewFactors, TimeProvider time)
{
    private const string Load = "load";
    private const string Text = "text";
    private const string ImageEncoding = "image-encoding";
    private const string Denoising = "denoising";
    private const string Previews = "previews";
    private const string Decoding = "decoding";

    private readonly PhaseTimer _timer = new();

    public void Execute(Action<GenerationEvent> emit, TimeSpan queued, CancellationToken cancellationToken)
    {
        var traits = plan.Traits;
        var noise = new SeededGaussianNoise(plan.Seed);
        var scheduler = SchedulerFactory.Create(plan.SchedulerName, plan.SchedulerConfig, noise);
        scheduler.SetTimesteps(plan.Steps, plan.Strength);
        var timesteps = scheduler.Timesteps;

        // Open every network before announcing the start, so a model with a broken part fails cleanly.
        var needsEncoder = plan.InitImage is not null;
        var (textEncoder, unet, decoder) = _timer.Measure(Load, () =>
            (sessions.TextEncoder, sessions.UNet, sessions.VaeDecoder));
        var encoder = needsEncoder ? _timer.Measure(Load, () => sessions.VaeEncoder) : null;
        emit(new GenerationStarted(timesteps.Count, plan.Seed, plan.Notes));
        var clock = Stopwatch.StartNew();

        var hiddenStates = _timer.Measure(Text, () => PromptEncoder.Encode(plan.Tokenizer, textEncoder, plan.Prompt,
            plan.UsesClassifierFreeGuidance ? plan.NegativePrompt : null, cancellationToken));
        var guidanceEmbedding = traits.IsLatentConsistency
            ? LcmGuidanceEmbedding.Create(plan.Guidance, traits.TimestepConditionWidth!.Value, 1)
            : null;

        var latentShape = new[] { 1, traits.LatentChannels, plan.LatentHeight, plan.LatentWidth };
        var initialNoise = noise.NextGaussian(latentShape);
        var imageLatents = encoder is null ? null : _timer.Measure(ImageEncoding, () => EncodeImage(encoder, plan.InitImage!, cancellationToken));
        var latentMask = plan.Mask is null ? null : LatentMath.DownsampleMask(plan.Mask, traits.VaeScaleFactor);
        var maskedImageLatents = plan.Mode == GenerationMode.InpaintingUNet
            ? _timer.Measure(ImageEncoding, () => EncodeImage(encoder!, LatentMath.MaskOut(plan.InitImage!, plan.Mask!), cancellationToken))
            : null;

        var latents = plan.StartsFromInitImage
            ? scheduler.AddNoise(imageLatents!, initialNoise, timesteps[0])
            : initialNoise.Scale(scheduler.InitNoiseSigma);

        var previewer = new StepPreviewer(plan, previewFactors, decoder, time);
        var stepEvents = new OrderedEventQueue(emit);
        try
        {
            for (var i = 0; i < timesteps.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var timestep = timesteps[i];
                var result = _timer.Measure(Denoising, () =>
                {
                    var modelInput = scheduler.ScaleModelInput(latents, timestep);
                    if (maskedImageLatents is not null)
                    {
                        modelInput = LatentMath.ConcatChannels(modelInput, latentMask!, maskedImageLatents);
                    }

                    var prediction = PredictNoise(unet, modelInput, timestep, hiddenStates, guidanceEmbedding, cancellationToken);
                    return scheduler.Step(prediction, timestep, latents);
                });
                latents = result.PrevSample;
                if (plan.Mode == GenerationMode.InpaintingBlend)
                {
                    // Keep the unmasked region on the init image's trajectory: noised to the next timestep, exact at the end.
                    var known = i + 1 < timesteps.Count
                        ? scheduler.AddNoise(imageLatents!, initialNoise, timesteps[i + 1])
                        : imageLatents!;
                    latents = LatentMath.Blend(latents, known, latentMask!);
                }

                var estimate = result.Denoised ?? result.PredOriginalSample ?? latents;
                var encodePreview = _timer.Measure(Previews, () => previewer.Prepare(i + 1, timesteps.Count, estimate, cancellationToken));
                var (index, elapsed) = (i + 1, clock.Elapsed);
                stepEvents.Enqueue(() => new GenerationStep(index, timesteps.Count, elapsed, encodePreview?.Invoke()));
            }

            stepEvents.Drain();
        }
        finally
        {
            stepEvents.DrainQuietly();
        }

        cancellationToken.ThrowIfCancellationRequested();
        var png = _timer.Measure(Decoding, () => ImageTensors.ToPng(decoder.Decode(
            LatentMath.ToVaeSpace(latents, traits.VaeScalingFactor, traits.VaeShiftFactor), cancellationToken)));
        var timings = new GenerationTimings(queued, _timer[Load], _timer[Text], _timer[ImageEncoding], _timer[Denoising],
            _timer[Previews], _timer[Decoding]);
        emit(new GenerationCompleted(png, plan.Size.Width, plan.Size.Height, plan.Seed, timings, plan.Notes));
    }

    /// <summary>The UNet's prediction, with classifier-free guidance as one batch-2 call (negative first).</summary>
    private LatentTensor PredictNoise(UNetSession unet, LatentTensor modelInput, double timestep, LatentTensor hiddenStates,
        LatentTensor? guidanceEmbedding, CancellationToken cancellationToken)
    {
        if (!plan.UsesClassifierFreeGuidance)
        {
            return unet.Predict(modelInput, timestep, hiddenStates, guidanceEmbedding, cancellationToken);
        }

        var batch = LatentMath.ConcatBatch(modelInput, modelInput);
        var (unconditional, conditional) = LatentMath.SplitBatch(unet.Predict(batch, timestep, hiddenStates, null, cancellationToken));
        return LatentMath.Guide(unconditional, conditional, plan.Guidance);
    }

    private LatentTensor EncodeImage(VaeEncoderSession encoder, LatentTensor image, CancellationToken cancellationToken) =>
        LatentMath.ToModelSpace(encoder.Encode(image, cancellationToken), plan.Traits.VaeScalingFactor, plan.Traits.VaeShiftFactor);
}
