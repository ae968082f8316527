namespace CollabCanvas.Engine.Pipeline;

/// <summary>Image format of step previews.</summary>
public enum PreviewFormat
{
    Png,
    Jpeg,
    WebP,
}

/// <summary>What step previews a request wants.</summary>
/// <param name="Enabled">False sends step events without images.</param>
/// <param name="Every">Send a preview every this many steps (the last step always gets one).</param>
/// <param name="Upscale">The cheap preview is at latent resolution (1/8 of the image for SD); this multiplies its size.</param>
/// <param name="Format">Encoding of the preview images.</param>
/// <param name="Quality">JPEG/WebP quality, 1..100.</param>
/// <param name="FullDecodeEvery">Run the real VAE decoder every this many steps instead of the cheap projection;
/// 0 never; null takes <see cref="EngineOptions.PreviewDecodeEvery"/>.</param>
/// <param name="MinInterval">At most one preview per this interval (from the last one made): a step that comes sooner
/// gets none, so neither its projection nor its encoding is paid for. The first and the last step always get one.
/// Zero: no limit. A fast model makes steps faster than anyone can watch; this keeps what people see
/// (the newest frame, a few dozen a second) without paying for the frames nobody would.</param>
public sealed record PreviewOptions(
    bool Enabled = true,
    int Every = 1,
    int Upscale = 1,
    PreviewFormat Format = PreviewFormat.Png,
    int Quality = 75,
    int? FullDecodeEvery = null,
    TimeSpan MinInterval = default)
{
    /// <summary>The longest <see cref="MinInterval"/> a request may ask for.</summary>
    public static readonly TimeSpan MaxMinInterval = TimeSpan.FromSeconds(10);

    public static PreviewOptions Default { get; } = new();

    public static PreviewOptions None { get; } = new(Enabled: false);
}
