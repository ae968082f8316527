using CollabCanvas.Rooms.Timeline;
using Microsoft.Extensions.Logging;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// The room's timeline: the grain notes what happens (<see cref="RoomTimelineRecorder"/> folds bursts) and
/// writes the notes with its debounced save. A failing store never fails a command: the entries wait (at most
/// <see cref="RoomTimelineRecorder.DefaultCapacity"/>) and the write is retried after
/// <see cref="TimelineRetryDelay"/>; a hanging one holds the grain for <see cref="TimelineWriteTimeout"/> at most.
/// </summary>
public sealed partial class RoomGrain
{
    /// <summary>How long a write of timeline entries may take before it is abandoned (and retried later).</summary>
    public static readonly TimeSpan TimelineWriteTimeout = TimeSpan.FromSeconds(5);

    /// <summary>When a write failed, the next attempt comes this long after, even in a room gone quiet.</summary>
    public static readonly TimeSpan TimelineRetryDelay = TimeSpan.FromSeconds(5);

    private readonly RoomTimelineRecorder _timeline;
    private readonly IRoomTimelineStore _timelineStore;
    private RoomCaller? _cancelledBy;
    private bool _replacedByLive;
    private bool _deactivating;

    public Task FlushTimeline() => FlushTimelineAsync(CancellationToken.None);

    /// <summary>Notes something for the timeline and schedules the save that writes it.</summary>
    private void Note(Action<RoomTimelineRecorder, DateTimeOffset> note)
    {
        note(_timeline, _timeline.Now);
        MarkDirty();
    }

    private void NoteParameterChanges(RoomCaller caller, RoomParameters before, RoomParameters after, IReadOnlyList<string> fields) =>
        Note((timeline, _) =>
        {
            foreach (var field in fields)
            {
                timeline.ParameterChanged(caller, field, ParameterValues.Format(before, field), ParameterValues.Format(after, field));
            }
        });

    /// <summary>Notes how a job ended (a report that ends it: completed, failed, cancelled).</summary>
    private void NoteJobEnded(GenerationStatus job, RenderReport report)
    {
        Note((timeline, now) =>
        {
            switch (report)
            {
                case RenderCompleted completed:
                    timeline.Add(TimelineEntries.GenerationCompleted(now, job, completed.Seed, completed.Elapsed));
                    break;
                case RenderFailed failed:
                    timeline.Add(TimelineEntries.GenerationFailed(now, job, failed.Reason));
                    break;
                case RenderCancelled:
                    timeline.Add(TimelineEntries.GenerationCancelled(now, job, _cancelledBy, _replacedByLive));
                    break;
            }
        });
    }

    private async Task FlushTimelineAsync(CancellationToken cancellationToken)
    {
        if (_timeline.TakeDropped() is > 0 and var dropped)
        {
            _logger.LogWarning("Room {RoomId}: {Dropped} timeline entries were dropped while the store could not take them", RoomId, dropped);
        }

        var batch = _timeline.Pending();
        if (batch.Count == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimelineWriteTimeout);
        try
        {
            await _timelineStore.SaveAsync(RoomId, batch, timeout.Token);
            _timeline.Written(batch);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Keep the room running; the entries wait for the next save, which comes even if nothing else happens.
            _logger.LogError(ex, "Room {RoomId}: writing {Count} timeline entries failed; they are kept for the next save", RoomId, batch.Count);
            if (!_deactivating)
            {
                _saveTimer ??= this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(TimelineRetryDelay, Timeout.InfiniteTimeSpan));
            }
        }
    }
}
