namespace CollabCanvas.Data.Entities;

/// <summary>A room's saved live state (prompts, parameters, mask, last image) as JSON, one row per room.</summary>
public sealed class RoomLiveStateRow
{
    public Guid RoomId { get; set; }

    public string Json { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
