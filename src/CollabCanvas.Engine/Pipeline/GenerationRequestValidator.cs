using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Schedulers;
using CollabCanvas.Engine.Tokenization;
using SixLabors.ImageSharp;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>
/// Checks a request against the limits and the model, and resolves it into a <see cref="GenerationPlan"/>.
/// Everything that can be wrong with the input is found here, before any model is loaded or event sent.
/// </summary>
internal sealed class GenerationRequestValidator(ModelCatalog catalog, EngineOptions options, TokenizerCache tokenizers)
{
    public const int MaxSteps = 150;
    public const double MaxGuidance = 30;

    /// <summary>Longest prompt in text-encoder windows (8 × 75 = 600 CLIP tokens): each window costs a text-encoder
    /// run and lengthens every UNet cross-attention.</summary>
    public const int MaxPromptWindows = 8;
    private const int MaxPixels = 4096;

    /// <exception cref="InvalidGenerationRequestException">With the first problem found.</exception>
    public GenerationPlan Validate(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = Try(() => catalog.Get(request.Model ?? throw new InvalidGenerationRequestException("no model named")));
        var traits = model.RequireTraits();

        Require(request.Prompt is not null, "the prompt is missing");
        Require(request.Steps is >= 1 and <= MaxSteps, $"steps must be between 1 and {MaxSteps} (got {request.Steps})");
        Require(double.IsFinite(request.Guidance) && request.Guidance is >= 0 and <= MaxGuidance,
            $"guidance must be between 0 and {MaxGuidance} (got {request.Guidance})");
        Require(double.IsFinite(request.Strength) && request.Strength is >= 0 and <= 1,
            $"strength must be between 0 and 1 (got {request.Strength})");
        ValidatePreview(request.Preview ?? PreviewOptions.Default);

        var size = ResolveSize(request, traits);
        var notes = new List<string>();
        var mode = ResolveMode(request, traits);
        LatentTensor? init = null;
        LatentTensor? mask = null;
        if (request.InitImage is not null)
        {
            var (tensor, resizedFrom) = Try(() => ImageTensors.DecodeRgb(request.InitImage, size, "init image"));
            init = tensor;
            if (resizedFrom is { } original)
            {
                notes.Add($"init image resized from {original.Width}x{original.Height} to {size.Width}x{size.Height}");
            }
        }

        if (request.Mask is not null)
        {
            var (tensor, resizedFrom) = Try(() => ImageTensors.DecodeMask(request.Mask, size));
            mask = tensor;
            if (resizedFrom is { } original)
            {
                notes.Add($"mask resized from {original.Width}x{original.Height} to {size.Width}x{size.Height}");
            }
        }

        var tokenizer = Try(() => tokenizers.For(model));
        RequireShortEnough(tokenizer, request.Prompt!, "prompt");
        RequireShortEnough(tokenizer, request.NegativePrompt ?? string.Empty, "negative prompt");

        var schedulerName = request.Scheduler ?? (traits.IsLatentConsistency ? "lcm" : options.DefaultScheduler);
        var schedulerConfig = Try(() => SchedulerConfig.Load(model.Paths.SchedulerConfig));
        var strength = mode == GenerationMode.TextToImage ? 1.0 : request.Strength;
        // diffusers' get_timesteps keeps int(steps × strength) steps.
        Require((int)(request.Steps * strength) >= 1,
            $"strength {request.Strength} of {request.Steps} steps leaves no step to run; raise the strength or the steps");
        var scheduler = Try(() => SchedulerFactory.Create(schedulerName, schedulerConfig, new SeededGaussianNoise(0)));
        Try(() => scheduler.SetTimesteps(request.Steps, strength));

        var preview = request.Preview ?? PreviewOptions.Default;
        return new GenerationPlan(model, traits, mode, tokenizer, request.Prompt!, request.NegativePrompt ?? string.Empty, request.Steps,
            schedulerName, schedulerConfig, request.Guidance, request.Seed ?? Random.Shared.Next(), size, init, mask,
            strength, preview, preview.FullDecodeEvery ?? options.PreviewDecodeEvery, notes);
    }

    private static GenerationMode ResolveMode(GenerationRequest request, ModelTraits traits)
    {
        if (request.Mask is not null && request.InitImage is null)
        {
            throw new InvalidGenerationRequestException("a mask needs an init image to inpaint");
        }

        if (traits.IsInpainting && (request.InitImage is null || request.Mask is null))
        {
            throw new InvalidGenerationRequestException("this is an inpainting model: give an init image and a mask");
        }

        if (request.InitImage is not null && !traits.HasVaeEncoder)
        {
            throw new InvalidGenerationRequestException("this model has no vae_encoder, so it cannot start from an init image");
        }

        return (request.InitImage, request.Mask, traits.IsInpainting) switch
        {
            (null, _, _) => GenerationMode.TextToImage,
            (_, null, _) => GenerationMode.ImageToImage,
            (_, _, true) => GenerationMode.InpaintingUNet,
            _ => GenerationMode.InpaintingBlend,
        };
    }

    /// <summary>
    /// The requested size; where it is left out, the init image's size (rounded down to the VAE factor, as diffusers'
    /// image processor does) or else the model's native size.
    /// </summary>
    private static Size ResolveSize(GenerationRequest request, ModelTraits traits)
    {
        var factor = traits.VaeScaleFactor;
        var fallback = request.InitImage is not null && (request.Width is null || request.Height is null)
            ? RoundDown(Try(() => ImageTensors.Measure(request.InitImage, "init image")), factor)
            : traits.NativeSize is { } native ? new Size(native.Width, native.Height) : (Size?)null;
        var width = request.Width ?? fallback?.Width;
        var height = request.Height ?? fallback?.Height;
        if (width is null || height is null)
        {
            throw new InvalidGenerationRequestException("the model does not state its native size: give a width and a height");
        }

        foreach (var (name, value) in new[] { ("width", width.Value), ("height", height.Value) })
        {
            Require(value >= factor && value <= MaxPixels, $"{name} must be between {factor} and {MaxPixels} pixels (got {value})");
            Require(value % factor == 0, $"{name} must be a multiple of {factor} for this model (got {value})");
        }

        return new Size(width.Value, height.Value);
    }

    private static void RequireShortEnough(ClipTokenizer tokenizer, string prompt, string what)
    {
        var tokens = tokenizer.Encode(prompt).Count;
        var limit = MaxPromptWindows * tokenizer.TokensPerWindow;
        Require(tokens <= limit, $"the {what} is too long: {tokens} tokens, at most {limit}");
    }

    private static Size RoundDown(Size size, int factor) => new(size.Width / factor * factor, size.Height / factor * factor);

    private static void ValidatePreview(PreviewOptions preview)
    {
        Require(preview.Every >= 1, $"preview every must be at least 1 (got {preview.Every})");
        Require(preview.Upscale is >= 1 and <= 16, $"preview upscale must be between 1 and 16 (got {preview.Upscale})");
        Require(preview.Quality is >= 1 and <= 100, $"preview quality must be between 1 and 100 (got {preview.Quality})");
        Require(preview.FullDecodeEvery is null or >= 0, $"full-decode interval must be 0 or more (got {preview.FullDecodeEvery})");
        Require(Enum.IsDefined(preview.Format), $"unknown preview format {preview.Format}");
        Require(preview.MinInterval >= TimeSpan.Zero && preview.MinInterval <= PreviewOptions.MaxMinInterval,
            $"preview minimum interval must be between 0 and {PreviewOptions.MaxMinInterval.TotalSeconds:0} s (got {preview.MinInterval})");
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidGenerationRequestException(problem);
        }
    }

    /// <summary>Turns the engine's specific exceptions into the one the caller reports.</summary>
    private static T Try<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception exception) when (exception is ModelUnavailableException or InvalidImageException
                                              or UnknownSchedulerException or SchedulerConfigException or ArgumentException)
        {
            throw new InvalidGenerationRequestException(exception.Message, exception);
        }
        catch (TokenizerLoadException exception)
        {
            throw new InvalidGenerationRequestException($"the model's tokenizer cannot be used: {exception.Message}", exception);
        }
    }

    private static void Try(Action action) => Try(() =>
    {
        action();
        return 0;
    });
}
