using System.Runtime.CompilerServices;
using CollabCanvas.Rooms.Timeline;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Rooms;

/// <summary>Keeps rooms' timelines in the <c>RoomTimeline</c> table, one row per entry.</summary>
public sealed class EfRoomTimelineStore(IDbContextFactory<AppDbContext> dbFactory) : IRoomTimelineStore
{
    public async Task SaveAsync(Guid roomId, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Rooms.AnyAsync(room => room.Id == roomId, cancellationToken))
        {
            return; // the room was deleted meanwhile
        }

        var ids = entries.Select(entry => entry.Id).ToList();
        var existing = await db.RoomTimeline.Where(row => ids.Contains(row.Id)).ToDictionaryAsync(row => row.Id, cancellationToken);
        foreach (var entry in entries)
        {
            if (!existing.TryGetValue(entry.Id, out var row))
            {
                db.RoomTimeline.Add(RoomTimelineRows.ToRow(roomId, entry));
            }
            else if (row.RoomId == roomId)
            {
                RoomTimelineRows.CopyInto(row, entry); // a burst that grew
            }

            // An id of another room's entry: never touch that room's history from here.
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async IAsyncEnumerable<TimelineEntry> ReadAsync(Guid roomId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.RoomTimeline.AsNoTracking()
            .Where(row => row.RoomId == roomId)
            .OrderBy(row => row.At)
            .ThenBy(row => row.Id)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken);
        await foreach (var row in rows)
        {
            yield return RoomTimelineRows.ToEntry(row);
        }
    }
}
