using System.ComponentModel.DataAnnotations;

namespace CollabCanvas.Web.Options;

/// <summary>How rooms' jobs run on this node (section "RoomRendering").</summary>
public sealed class RoomRenderingOptions
{
    public const string SectionName = "RoomRendering";

    /// <summary>
    /// Whether steps send preview images to the room (on by default: watching the image form is the
    /// point of a live room). Off, steps still report progress, without images; the benchmark compares both.
    /// </summary>
    public bool StepPreviews { get; set; } = true;

    /// <summary>
    /// At most one step preview per this interval (the first and the last step always get one); zero sends
    /// every step's. A small model makes a few hundred steps a second: nobody sees more than a few dozen
    /// frames a second, while encoding and sending each one to every participant slows the run down (the
    /// rooms benchmark measures it). 50 ms is 20 frames a second, and a 20-step run of the embedded model still
    /// shows several frames. The engine skips a capped step's preview before making it, so it costs nothing.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "RoomRendering:PreviewMinInterval must be between 00:00:00 and 00:00:10.")]
    public TimeSpan PreviewMinInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}
