using System.ComponentModel.DataAnnotations;

namespace CollabCanvas.Web.Options;

/// <summary>
/// Flood limits of the programmatic rooms hub (section "RoomsHub"), per person: a token bucket for room
/// changes (prompt edits, strokes, parameters, generate…) and one for pointer moves. A bucket holds
/// <c>Burst</c> tokens and refills <c>PerSecond</c> a second; a call with no token left is refused.
/// </summary>
public sealed class RoomsHubOptions
{
    public const string SectionName = "RoomsHub";

    /// <summary>Changes a person may send at once (a quick typist's burst fits comfortably).</summary>
    [Range(1, 100_000)]
    public int ChangeBurst { get; set; } = 40;

    /// <summary>Sustained changes per second per person.</summary>
    [Range(1, 100_000)]
    public int ChangesPerSecond { get; set; } = 20;

    /// <summary>Pointer moves a person may send at once.</summary>
    [Range(1, 100_000)]
    public int PointerBurst { get; set; } = 30;

    /// <summary>Sustained pointer moves per second per person (clients throttle to about 30).</summary>
    [Range(1, 100_000)]
    public int PointerMovesPerSecond { get; set; } = 40;
}
