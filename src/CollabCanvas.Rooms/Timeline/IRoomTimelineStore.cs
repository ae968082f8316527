namespace CollabCanvas.Rooms.Timeline;

/// <summary>Keeps each room's timeline (the database, in the app). The room grain is its writer, in batches.</summary>
public interface IRoomTimelineStore
{
    /// <summary>
    /// Writes entries of one room: new ids are added, known ids (a burst that grew) are rewritten. An id that
    /// belongs to another room is left alone; a room that no longer exists takes nothing.
    /// </summary>
    Task SaveAsync(Guid roomId, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken);

    /// <summary>The room's entries in the order they happened (time, then id).</summary>
    IAsyncEnumerable<TimelineEntry> ReadAsync(Guid roomId, CancellationToken cancellationToken);
}
