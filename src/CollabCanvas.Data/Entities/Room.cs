namespace CollabCanvas.Data.Entities;

/// <summary>A collaborative room.</summary>
public sealed class Room
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Six letters people type to join (see <see cref="Rooms.JoinCode"/>); unique.</summary>
    public string JoinCode { get; set; } = "";

    public string CreatedByUserId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<RoomMember> Members { get; set; } = [];
}
