using Microsoft.Extensions.Logging;

namespace CollabCanvas.Engine;

/// <summary>
/// Settings of the diffusion engine, bound by the host from the <c>Inference</c> section of appsettings.json
/// (<see cref="SectionName"/>) and read through <c>IOptions&lt;EngineOptions&gt;</c>.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section the host binds these options from.</summary>
    public const string SectionName = "Inference";

    /// <summary>Folder holding one sub-folder per model in the diffusers ONNX layout.</summary>
    public string ModelsPath { get; set; } = "models";

    /// <summary>Where the networks run. <see cref="ExecutionProvider.Auto"/> tries CUDA and falls back to the CPU.</summary>
    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Auto;

    /// <summary>CUDA device ordinal used when the CUDA provider is chosen.</summary>
    public int DeviceId { get; set; }

    /// <summary>Threads per CPU operator; 0 means one per processor core.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Run a full VAE decode for the preview every this many steps (the cheap latent projection is used
    /// on the others); 0 means never. A full decode costs about as much as a step on large models.
    /// </summary>
    public int PreviewDecodeEvery { get; set; }

    /// <summary>
    /// What ONNX Runtime's own native logger prints. It writes straight to stderr, not through <c>ILogger</c>, and the
    /// errors it reports reach the engine as exceptions that are logged properly; so by default only fatal messages
    /// pass. Set Warning or lower to see, for example, which CUDA library failed to load.
    /// </summary>
    public LogLevel OnnxRuntimeLogLevel { get; set; } = LogLevel.Critical;

    /// <summary>Scheduler used when a request names none.</summary>
    public string DefaultScheduler { get; set; } = "euler-a";
}
