using CollabCanvas.Rooms.Mask;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// Strokes being drawn: their points are relayed to everyone as they come, and nothing of them is kept but
/// who is drawing which stroke and when they last sent points (never the points: the committed stroke
/// brings them all). Previews are transient events: no revision, not saved, not undoable.
/// </summary>
public sealed partial class RoomGrain
{
    /// <summary>A stroke in progress that receives no points for this long is abandoned (its painter's tab froze or lost the network).</summary>
    public static readonly TimeSpan StrokeInProgressTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How many strokes one person may have in progress at once (two fingers, two tabs); bounds what the room tracks.</summary>
    public const int MaxStrokesInProgressPerPerson = 4;

    /// <summary>Ids of recently finished previews kept so a late batch cannot bring a finished stroke back.</summary>
    private const int FinishedPreviewMemory = 256;

    private static readonly TimeSpan PreviewSweepEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<Guid, StrokePreview> _previews = [];
    private readonly HashSet<Guid> _finishedPreviews = [];
    private readonly Queue<Guid> _finishedOrder = new();
    private IGrainTimer? _previewSweep;

    public Task<RoomCommandResult> ExtendStroke(RoomCaller caller, StrokeProgress progress)
    {
        if (Refuse(caller, RoomAction.PaintMask) is { } refused)
        {
            return Task.FromResult(refused);
        }

        // The caller was checked when they connected; presence holds their role as it is now (a demotion updates it).
        if (!_present.TryGetValue(caller.MemberId, out var member))
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Conflict, "Join the room before drawing in it."));
        }

        if (!RoomPolicy.Allows(member.Role, RoomAction.PaintMask))
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Forbidden, $"Only a {RoomPolicy.RequiredRole(RoomAction.PaintMask)} or above may do this; you are a {member.Role}."));
        }

        if (StrokeProgress.Check(progress, _mask.ImageWidth, _mask.ImageHeight) is { } invalid)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Invalid, invalid));
        }

        if (_finishedPreviews.Contains(progress.StrokeId))
        {
            // A batch that lost the race with its stroke's commit (or came after it was abandoned): nothing to show.
            return Task.FromResult(RoomCommandResult.Ok);
        }

        if (_previews.TryGetValue(progress.StrokeId, out var preview))
        {
            if (preview.Author != caller.MemberId)
            {
                return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Invalid, "That stroke is someone else's."));
            }
        }
        else if (_previews.Values.Count(p => p.Author == caller.MemberId) >= MaxStrokesInProgressPerPerson)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Conflict, $"You can draw at most {MaxStrokesInProgressPerPerson} strokes at once; finish one first."));
        }

        _previews[progress.StrokeId] = new StrokePreview(caller.MemberId, DateTime.UtcNow);
        _previewSweep ??= this.RegisterGrainTimer(SweepPreviewsAsync, new GrainTimerCreationOptions(PreviewSweepEvery, PreviewSweepEvery));

        // Our own copy of the points, so a caller reusing its list cannot change what is relayed.
        var relayed = progress with { Points = progress.Points.ToArray() };
        PublishTransient(new StrokeInProgress(_revision, caller.MemberId, relayed));
        return Task.FromResult(RoomCommandResult.Ok);
    }

    /// <summary>The stroke was committed (its <c>StrokeAdded</c> replaces the preview) or refused (the preview goes).</summary>
    private void FinishPreview(Guid strokeId, Guid author, bool committed)
    {
        if (_previews.TryGetValue(strokeId, out var preview) && preview.Author != author)
        {
            return; // someone else's stroke id: theirs stays
        }

        // Remembered even without a preview: a batch overtaken by its commit must not start one afterwards.
        RememberFinished(strokeId);
        if (_previews.Remove(strokeId) && !committed)
        {
            PublishTransient(new StrokeAbandoned(_revision, author, strokeId));
        }
    }

    /// <summary>Drops every stroke <paramref name="author"/> was drawing (they left, or may no longer paint).</summary>
    private void AbandonPreviewsOf(Guid author)
    {
        foreach (var (strokeId, _) in _previews.Where(pair => pair.Value.Author == author).ToList())
        {
            FinishPreview(strokeId, author, committed: false);
        }
    }

    private Task SweepPreviewsAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        foreach (var (strokeId, preview) in _previews.Where(pair => now - pair.Value.LastPoints > StrokeInProgressTimeout).ToList())
        {
            FinishPreview(strokeId, preview.Author, committed: false);
        }

        if (_previews.Count == 0)
        {
            _previewSweep?.Dispose();
            _previewSweep = null;
        }

        return Task.CompletedTask;
    }

    private void RememberFinished(Guid strokeId)
    {
        if (_finishedPreviews.Add(strokeId))
        {
            _finishedOrder.Enqueue(strokeId);
            if (_finishedOrder.Count > FinishedPreviewMemory)
            {
                _finishedPreviews.Remove(_finishedOrder.Dequeue());
            }
        }
    }

    /// <summary>Sends an event that is not part of the room's history: same revision as now, nothing saved.</summary>
    private void PublishTransient(TransientRoomEvent roomEvent) =>
        _observers.Notify(observer => observer.OnRoomEvent(roomEvent));

    private readonly record struct StrokePreview(Guid Author, DateTime LastPoints);
}
