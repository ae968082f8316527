using System.ComponentModel.DataAnnotations;

namespace CollabCanvas.Web.Options;

/// <summary>
/// Flood limits of live rooms (section "RoomFlood"), per member per room, whatever path the calls take
/// (Blazor circuits, the hub, the HTTP API): a token bucket for room changes (prompt edits, strokes,
/// parameters, generate…) and one for pointer moves. A bucket holds <c>Burst</c> tokens and refills
/// <c>PerSecond</c> a second; a call with no token left is refused with a message.
/// </summary>
public sealed class RoomFloodOptions
{
    public const string SectionName = "RoomFlood";

    /// <summary>
    /// Changes a member may send at once. A fast typist (120 words a minute is about 10 keystrokes a second)
    /// sends at most one prompt edit per round trip (the OT client batches keystrokes while an edit is in
    /// flight), so 40 leaves several seconds of flat-out typing before the sustained rate matters.
    /// </summary>
    [Range(1, 100_000)]
    public int ChangeBurst { get; set; } = 40;

    /// <summary>Sustained changes per second per member (twice a very fast typist's keystrokes).</summary>
    [Range(1, 100_000)]
    public int ChangesPerSecond { get; set; } = 20;

    /// <summary>Pointer moves a member may send at once.</summary>
    [Range(1, 100_000)]
    public int PointerBurst { get; set; } = 30;

    /// <summary>Sustained pointer moves per second per member (clients throttle to about 30).</summary>
    [Range(1, 100_000)]
    public int PointerMovesPerSecond { get; set; } = 40;
}
