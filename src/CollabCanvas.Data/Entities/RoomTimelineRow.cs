namespace CollabCanvas.Data.Entities;

/// <summary>One entry of a room's timeline (see <c>CollabCanvas.Rooms.Timeline.TimelineEntry</c>).</summary>
public sealed class RoomTimelineRow
{
    public Guid Id { get; set; }

    public Guid RoomId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A burst's last change; null for a single event.</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>The <c>TimelineKind</c> by name.</summary>
    public string Kind { get; set; } = "";

    public Guid? ActorMemberId { get; set; }

    /// <summary>The actor's display name then (names can change later; history should not).</summary>
    public string ActorName { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>JSON object of string facts (field, old, new, seed…).</summary>
    public string DetailsJson { get; set; } = "{}";
}
