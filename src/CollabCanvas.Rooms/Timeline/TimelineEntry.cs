namespace CollabCanvas.Rooms.Timeline;

/// <summary>
/// One line of a room's history: what happened, who did it, a sentence for people and the facts behind it for
/// programs. A burst (typing, painting, dragging a slider) is one entry that grows: same <see cref="Id"/>, later
/// <see cref="Until"/>, so a store writes it again in place.
/// </summary>
/// <param name="Id">Stable across the updates of a burst.</param>
/// <param name="At">When it happened (a burst: its first change).</param>
/// <param name="Until">A burst's last change; null for a single event.</param>
/// <param name="ActorId">The member who did it; null when no person did (a failure).</param>
/// <param name="Text">A plain sentence, e.g. "Ana edited the prompt: +12 / −3 characters" (text, never markup).</param>
/// <param name="Details">The entry's facts as strings (field, old, new, seed, milliseconds…), for the export.</param>
public sealed record TimelineEntry(
    Guid Id,
    DateTimeOffset At,
    DateTimeOffset? Until,
    TimelineKind Kind,
    Guid? ActorId,
    string ActorName,
    string Text,
    IReadOnlyDictionary<string, string> Details);
