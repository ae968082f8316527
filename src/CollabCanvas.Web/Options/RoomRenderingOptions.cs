namespace CollabCanvas.Web.Options;

/// <summary>How rooms' jobs run on this node (section "RoomRendering").</summary>
public sealed class RoomRenderingOptions
{
    public const string SectionName = "RoomRendering";

    /// <summary>
    /// Whether every step sends a preview image to the room (on by default: watching the image form is the
    /// point of a live room). Off, steps still report progress, without images; the benchmark compares both.
    /// </summary>
    public bool StepPreviews { get; set; } = true;
}
