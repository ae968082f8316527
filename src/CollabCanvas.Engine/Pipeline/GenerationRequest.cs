namespace CollabCanvas.Engine.Pipeline;

/// <summary>
/// One image to generate. With <see cref="InitImage"/> it is img2img; with <see cref="InitImage"/> and
/// <see cref="Mask"/> it is inpainting (white mask pixels are repainted, black ones kept).
/// </summary>
/// <param name="Model">Name of a model folder under <see cref="EngineOptions.ModelsPath"/>.</param>
/// <param name="Prompt">What to draw; any length (long prompts are encoded in 77-token windows).</param>
/// <param name="NegativePrompt">What to steer away from (used when guidance is above 1).</param>
/// <param name="Steps">Inference steps, 1..150 (for img2img, strength × steps of them are run).</param>
/// <param name="Scheduler">Scheduler name (ddim, euler, euler-a, dpmpp-2m, …); null: the engine default (LCM models: lcm).</param>
/// <param name="Guidance">Classifier-free guidance scale, 0..30; 1 or less skips the unconditional pass.</param>
/// <param name="Seed">Noise seed; null picks one at random (reported back in the result).</param>
/// <param name="Width">Image width in pixels, a multiple of the model's VAE factor; null: the init image's width (rounded down to that multiple), else the model's native width.</param>
/// <param name="Height">Image height in pixels, likewise; null: the init image's height, else the model's native height.</param>
/// <param name="InitImage">Encoded image (PNG, JPEG, WebP…) to start from; resized to the output size when it differs.</param>
/// <param name="Strength">How much of the init image is repainted, 0..1 (1 = from pure noise).</param>
/// <param name="Mask">Encoded inpainting mask, same size as the output (resized otherwise); needs <paramref name="InitImage"/>.</param>
/// <param name="Preview">Which step previews to send; null: <see cref="PreviewOptions.Default"/>.</param>
public sealed record GenerationRequest(
    string Model,
    string Prompt,
    string NegativePrompt = "",
    int Steps = 25,
    string? Scheduler = null,
    double Guidance = 7.5,
    int? Seed = null,
    int? Width = null,
    int? Height = null,
    byte[]? InitImage = null,
    double Strength = 0.75,
    byte[]? Mask = null,
    PreviewOptions? Preview = null);
