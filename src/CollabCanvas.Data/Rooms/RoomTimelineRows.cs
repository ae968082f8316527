using System.Text.Json;
using CollabCanvas.Data.Entities;
using CollabCanvas.Rooms.Timeline;

namespace CollabCanvas.Data.Rooms;

/// <summary>Maps timeline entries to rows and back; also lets a service add an entry in its own transaction.</summary>
public static class RoomTimelineRows
{
    /// <summary>Adds <paramref name="entry"/> to <paramref name="db"/>, to commit with the caller's other changes.</summary>
    public static void AddTimelineEntry(this AppDbContext db, Guid roomId, TimelineEntry entry) =>
        db.RoomTimeline.Add(ToRow(roomId, entry));

    public static RoomTimelineRow ToRow(Guid roomId, TimelineEntry entry)
    {
        var row = new RoomTimelineRow { Id = entry.Id, RoomId = roomId };
        CopyInto(row, entry);
        return row;
    }

    public static void CopyInto(RoomTimelineRow row, TimelineEntry entry)
    {
        row.At = entry.At;
        row.Until = entry.Until;
        row.Kind = entry.Kind.ToString();
        row.ActorMemberId = entry.ActorId;
        row.ActorName = entry.ActorName;
        row.Text = entry.Text;
        row.DetailsJson = JsonSerializer.Serialize(entry.Details);
    }

    public static TimelineEntry ToEntry(RoomTimelineRow row) =>
        new(
            row.Id,
            row.At,
            row.Until,
            Enum.Parse<TimelineKind>(row.Kind),
            row.ActorMemberId,
            row.ActorName,
            row.Text,
            JsonSerializer.Deserialize<Dictionary<string, string>>(row.DetailsJson) ?? []);
}
