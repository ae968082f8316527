namespace CollabCanvas.Data.Entities;

/// <summary>One change of a version's title or note: who, when, and both values before and after.</summary>
public sealed class RoomVersionEdit
{
    public Guid Id { get; set; }

    public Guid VersionId { get; set; }

    public Guid EditedByMemberId { get; set; }

    public string EditedByName { get; set; } = "";

    public DateTimeOffset EditedAt { get; set; }

    public string OldTitle { get; set; } = "";

    public string NewTitle { get; set; } = "";

    public string OldNote { get; set; } = "";

    public string NewNote { get; set; } = "";
}
