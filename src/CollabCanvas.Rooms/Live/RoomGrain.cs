using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Rooms.Timeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// The live state of one room and its single writer: presence, the co-edited prompts, mask strokes,
/// parameters, live mode and the generation job.
/// Orleans runs one call at a time per grain, so no locks; observers (one per web node) get every change.
/// </summary>
/// <remarks>
/// With several web nodes a room starts on the node of the first person to open it (prefer-local placement): its
/// generations run on that node's engine, so rooms spread over the nodes with the people who open them, and a test
/// knows where a room lives. When that node dies the room starts again on the node of the next call.
/// </remarks>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class RoomGrain : Grain, IRoomGrain
{
    /// <summary>How long an observer stays subscribed without renewing.</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);

    /// <summary>Changes are written at most this long after they happen (and at deactivation).</summary>
    public static readonly TimeSpan SaveDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Quiet time after a change before live mode regenerates.</summary>
    public static readonly TimeSpan LiveDebounce = TimeSpan.FromMilliseconds(250);

    private readonly IRoomRenderer _renderer;
    private readonly IRoomStateStore _store;
    private readonly TimeProvider _time;
    private IGrainTimer? _saveTimer;
    private readonly ILogger<RoomGrain> _logger;
    private readonly ObserverManager<IRoomObserver> _observers;
    private readonly Dictionary<Guid, PresentMember> _present = [];
    private readonly Dictionary<Guid, int> _colors = [];

    // Members removed while this activation lived: a command already past the host's check when the removal
    // landed still carries their old RoomCaller, so the grain refuses it itself. (Removal is permanent, and a
    // new activation relies on the host's check, which reads the database.)
    private readonly HashSet<Guid> _removed = [];
    private readonly Dictionary<string, string> _parametersChangedBy = [];
    private RoomParameters _parameters = RoomParameters.Default;
    private GenerationStatus? _generation;
    private RoomImage? _lastResult;
    private RunRecipe? _lastRun;
    private byte[]? _lastRunInitImage;
    private RunRecipe? _running;
    private byte[]? _runningInitImage;
    private Guid? _originVersionId;
    private bool _isLive;
    private long _revision;
    private IGrainTimer? _liveTimer;
    private RoomCaller? _liveRequester;
    private PromptDocument _prompt = new();
    private PromptDocument _negativePrompt = new();
    private MaskStrokes _mask = new(DefaultCanvasSide, DefaultCanvasSide);

    /// <summary>Canvas size for strokes before the room has an image.</summary>
    public const int DefaultCanvasSide = 512;

    /// <summary>Shown to a removed member whose command raced their removal.</summary>
    public const string RemovedMessage = "A facilitator removed you from this room.";

    public RoomGrain(
        IRoomRenderer renderer, IRoomStateStore store, IRoomTimelineStore timelineStore, TimeProvider time, IOptions<PresenceOptions> presence, ILogger<RoomGrain> logger)
    {
        _connections = new PresenceConnections(time, presence.Value.Lease);
        _renderer = renderer;
        _store = store;
        _timelineStore = timelineStore;
        _time = time;
        _timeline = new RoomTimelineRecorder(time);
        _logger = logger;
        _observers = new ObserverManager<IRoomObserver>(ObserverExpiry, logger);
    }

    private Guid RoomId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Event revisions continue above any earlier activation's, so a watcher that outlived a restart sees
        // a jump (and reloads the room) instead of taking new events for old ones.
        _revision = DateTime.UtcNow.Ticks;
        _activatedAt = _time.GetUtcNow();
        if (await _store.LoadAsync(RoomId, cancellationToken) is { } saved)
        {
            _prompt = new PromptDocument(saved.Prompt);
            _negativePrompt = new PromptDocument(saved.NegativePrompt);
            _parameters = saved.Parameters;
            foreach (var (field, name) in saved.ParametersChangedBy)
            {
                _parametersChangedBy[field] = name;
            }

            _mask = new MaskStrokes(saved.MaskWidth, saved.MaskHeight);
            foreach (var stroke in saved.Strokes)
            {
                _mask.Add(stroke);
            }

            _lastResult = saved.LastResult;
            _lastRun = saved.LastRun;
            _lastRunInitImage = saved.LastRunInitImage;
            _originVersionId = saved.OriginVersionId;
            _isLive = saved.IsLive;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        if (_saveTimer is not null || _timeline.HasPending)
        {
            await SaveAsync(cancellationToken);
        }
    }

    /// <summary>Schedules a write of what must survive a restart, coalescing bursts of changes (typing).</summary>
    private void MarkDirty()
    {
        _saveTimer ??= this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(SaveDelay, Timeout.InfiniteTimeSpan));
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        // Disposing a grain timer cancels the token its running callback was given, so the timer that called this
        // is disposed only after the write; disposing it first cancelled every timed save before it reached the store.
        var timer = _saveTimer;
        _saveTimer = null;
        using var disposeAfterWrite = timer;
        var state = new RoomLiveState(
            _prompt.ToSnapshot(), _negativePrompt.ToSnapshot(), _parameters, new Dictionary<string, string>(_parametersChangedBy),
            [.. _mask.All], _mask.ImageWidth, _mask.ImageHeight, _lastResult, _isLive, _lastRun, _lastRunInitImage, _originVersionId);
        try
        {
            await _store.SaveAsync(RoomId, state, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the room running; try again with the next change.
            _logger.LogError(ex, "Room {RoomId}: saving its live state failed", RoomId);
        }

        await FlushTimelineAsync(cancellationToken);
    }

    public Task<RoomSnapshot> GetSnapshot()
    {
        ExpireSilentNodes();
        return Task.FromResult(Snapshot());
    }

    public Task<FinishedRun?> GetFinishedRun() =>
        Task.FromResult(_lastRun is { } run && _lastResult is { } result ? new FinishedRun(run, result, _lastRunInitImage) : null);

    public Task Subscribe(IRoomObserver observer)
    {
        if (!_observers.Observers.ContainsKey(observer))
        {
            ReplayEarlyTo(observer);
        }

        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IRoomObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task MemberChanged(Guid memberId, RoomRole? newRole, MemberChange? change = null)
    {
        if (change is not null)
        {
            Note((timeline, now) => timeline.Add(newRole is { } role ? TimelineEntries.RoleChanged(now, change, role) : TimelineEntries.MemberRemoved(now, change)));
        }

        if (newRole is null)
        {
            _removed.Add(memberId);
            _connections.CloseAllOf(memberId);
        }

        // First to the member's own views (they stop, or re-check their role), then presence for everyone.
        Publish(revision => newRole is { } role ? new MemberRoleChanged(revision, memberId, role) : new MemberRemoved(revision, memberId));
        if (_present.TryGetValue(memberId, out var member))
        {
            if (newRole is { } role)
            {
                _present[memberId] = member with { Role = role };
            }
            else
            {
                _present.Remove(memberId);
                ForgetCaretsOf(memberId);
            }

            if (newRole is not { } still || !RoomPolicy.Allows(still, RoomAction.PaintMask))
            {
                AbandonPreviewsOf(memberId);
            }

            Publish(revision => new PresenceChanged(revision, PresentList(), newRole is null ? $"{member.DisplayName} was removed" : null));
        }

        return Task.CompletedTask;
    }

    public Task<PromptEditResult> EditPrompt(RoomCaller caller, PromptField field, PromptEdit edit)
    {
        if (Refuse(caller, RoomAction.EditPrompt) is { } refused)
        {
            return Task.FromResult(PromptEditResult.Refused(refused.Error!));
        }

        var document = field == PromptField.Prompt ? _prompt : _negativePrompt;
        var result = document.Apply(caller.MemberId, edit);
        if (result is { Succeeded: true, IsRepeat: false, Applied: { } applied })
        {
            Publish(revision => new PromptEdited(revision, field, applied));
            Note((timeline, _) => timeline.PromptEdited(caller, field, applied.Operation));
            RecipeChanged(caller);
        }

        return Task.FromResult(result);
    }

    public Task<StrokeResult> AddStroke(RoomCaller caller, MaskStroke stroke)
    {
        if (Refuse(caller, RoomAction.PaintMask) is { } refused)
        {
            return Task.FromResult(StrokeResult.Refused(refused.Error!));
        }

        var result = _mask.Add(stroke is null ? null : stroke with { Author = caller.MemberId });
        if (result is { Succeeded: true, Stroke: { } added })
        {
            Publish(revision => new StrokeAdded(revision, added));
            Note((timeline, _) => timeline.StrokeAdded(caller, added.Tool));
            RecipeChanged(caller);
        }

        if (stroke is not null)
        {
            FinishPreview(stroke.Id, caller.MemberId, committed: result.Succeeded);
        }

        return Task.FromResult(result);
    }

    public Task<StrokeResult> UndoStroke(RoomCaller caller)
    {
        if (Refuse(caller, RoomAction.PaintMask) is { } refused)
        {
            return Task.FromResult(StrokeResult.Refused(refused.Error!));
        }

        var result = _mask.UndoLast(caller.MemberId);
        if (result is { Succeeded: true, Stroke: { } removed })
        {
            Publish(revision => new StrokeRemoved(revision, removed.Id));
            Note((timeline, _) => timeline.StrokeUndone(caller));
            RecipeChanged(caller);
        }

        return Task.FromResult(result);
    }

    public Task<RoomCommandResult> ClearMask(RoomCaller caller)
    {
        if (Refuse(caller, RoomAction.ClearMask) is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (_mask.Clear() is > 0 and var cleared)
        {
            Note((timeline, now) => timeline.Add(TimelineEntries.MaskCleared(now, caller, cleared)));
            Publish(revision => new MaskCleared(revision, caller.DisplayName, _mask.ImageWidth, _mask.ImageHeight));
            RecipeChanged(caller);
        }

        return Task.FromResult(RoomCommandResult.Ok);
    }

    public Task<RoomCommandResult> RestoreVersion(RoomCaller caller, RestoredRecipe recipe)
    {
        if (Refuse(caller, RoomAction.RestoreVersion) is { } refused)
        {
            return Task.FromResult(refused);
        }

        // Everything is checked before anything changes: a restore happens whole or not at all.
        if (recipe is null)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Invalid, "There is no recipe to restore."));
        }

        var error = PromptDocument.CheckContent(recipe.Prompt?.Text, recipe.Prompt?.Authors)
            ?? PromptDocument.CheckContent(recipe.NegativePrompt?.Text, recipe.NegativePrompt?.Authors)
            ?? recipe.Parameters?.Validate()
            ?? (recipe.Parameters is null ? "The version has no parameters." : null);
        var mask = RestoredMask(recipe, ref error);
        if (error is not null || mask is null)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Invalid, $"This version's recipe cannot be restored: {error}"));
        }

        _prompt.Replace(recipe.Prompt!.Text, recipe.Prompt.Authors);
        _negativePrompt.Replace(recipe.NegativePrompt!.Text, recipe.NegativePrompt.Authors);
        _carets.Clear(); // they pointed into the replaced texts; everyone's editor starts over

        foreach (var field in ParameterFields.Changed(_parameters, recipe.Parameters!))
        {
            _parametersChangedBy[field] = caller.DisplayName;
        }

        _parameters = recipe.Parameters!;
        _mask = mask;
        _originVersionId = recipe.VersionId;
        Publish(revision => new RecipeRestored(
            revision, recipe.VersionId, recipe.Title ?? "", caller.DisplayName, _prompt.ToSnapshot(), _negativePrompt.ToSnapshot(), _parameters,
            new Dictionary<string, string>(_parametersChangedBy), mask.All, mask.ImageWidth, mask.ImageHeight));
        Note((timeline, now) => timeline.Add(TimelineEntries.VersionRestored(now, caller, recipe.VersionId, recipe.Title ?? "")));
        _logger.LogInformation("Room {RoomId}: member {MemberId} restored version {VersionId}", RoomId, caller.MemberId, recipe.VersionId);
        RecipeChanged(caller);
        return Task.FromResult(RoomCommandResult.Ok);
    }

    /// <summary>
    /// The version's strokes on the canvas they were painted on; without strokes the canvas keeps the current image's
    /// size (an empty mask is painted on whatever the room shows).
    /// </summary>
    private MaskStrokes? RestoredMask(RestoredRecipe recipe, ref string? error)
    {
        if (error is not null)
        {
            return null;
        }

        if (recipe.Strokes is not { Count: > 0 } strokes)
        {
            return new MaskStrokes(_mask.ImageWidth, _mask.ImageHeight);
        }

        if (recipe.MaskWidth is < 1 or > StrokeCheck.MaxImageSide || recipe.MaskHeight is < 1 or > StrokeCheck.MaxImageSide)
        {
            error = $"its mask canvas is {recipe.MaskWidth}×{recipe.MaskHeight} pixels, outside 1 to {StrokeCheck.MaxImageSide}.";
            return null;
        }

        var mask = new MaskStrokes(recipe.MaskWidth, recipe.MaskHeight);
        foreach (var stroke in strokes)
        {
            if (mask.Add(stroke) is { Succeeded: false } refused)
            {
                error = refused.Error;
                return null;
            }
        }

        return mask;
    }

    public Task NotifyVersionsChanged(Guid versionId)
    {
        PublishTransient(new VersionsChanged(_revision, versionId));
        return Task.CompletedTask;
    }

    public Task MovePointer(Guid memberId, float x, float y)
    {
        // Only people who are here have a pointer; coordinates outside the canvas are dropped, not stored.
        if (_present.ContainsKey(memberId) && float.IsFinite(x) && float.IsFinite(y)
            && x >= 0 && y >= 0 && x <= _mask.ImageWidth && y <= _mask.ImageHeight)
        {
            Publish(revision => new PointerMoved(revision, memberId, x, y));
        }

        return Task.CompletedTask;
    }

    public Task<RoomCommandResult> ChangeParameters(RoomCaller caller, ParameterChange change)
    {
        if (Refuse(caller, RoomAction.EditParameters) is { } refused)
        {
            return Task.FromResult(refused);
        }

        var (next, changed) = change.ApplyTo(_parameters);
        if (next.Validate() is { } error)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Invalid, error));
        }

        if (changed.Count > 0)
        {
            NoteParameterChanges(caller, _parameters, next, changed);
            _parameters = next;
            foreach (var field in changed)
            {
                _parametersChangedBy[field] = caller.DisplayName;
            }

            Publish(revision => new ParametersChanged(revision, _parameters, new Dictionary<string, string>(_parametersChangedBy)));
            RecipeChanged(caller);
        }

        return Task.FromResult(RoomCommandResult.Ok);
    }

    public Task<RoomCommandResult> SetInitImage(RoomCaller caller, InitImageRef? image)
    {
        if (Refuse(caller, RoomAction.EditParameters) is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (image?.Validate() is { } error)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Invalid, error));
        }

        if (image?.Hash != _parameters.InitImageHash)
        {
            var next = _parameters with { InitImageHash = image?.Hash };
            NoteParameterChanges(caller, _parameters, next, [nameof(RoomParameters.InitImageHash)]);
            _parameters = next;
            _parametersChangedBy[nameof(RoomParameters.InitImageHash)] = caller.DisplayName;
            Publish(revision => new ParametersChanged(revision, _parameters, new Dictionary<string, string>(_parametersChangedBy)));
            if (image is not null)
            {
                // The mask is painted over the init image, in its pixels.
                ResizeEmptyCanvas(image.Width, image.Height);
            }

            RecipeChanged(caller);
        }

        return Task.FromResult(RoomCommandResult.Ok);
    }

    public Task<RoomCommandResult> SetLiveMode(RoomCaller caller, bool isLive)
    {
        if (Refuse(caller, RoomAction.Generate) is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (_isLive != isLive)
        {
            _isLive = isLive;
            Publish(revision => new LiveModeChanged(revision, isLive, caller.DisplayName));
            Note((timeline, now) => timeline.Add(TimelineEntries.LiveModeChanged(now, caller, isLive)));
            if (!isLive)
            {
                StopLiveTimer();
            }
        }

        return Task.FromResult(RoomCommandResult.Ok);
    }

    public Task<RoomCommandResult> Generate(RoomCaller caller)
    {
        if (Refuse(caller, RoomAction.Generate) is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (_generation is { IsActive: true })
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Conflict, "A generation is already queued or running in this room; cancel it first."));
        }

        StartJob(caller);
        return Task.FromResult(RoomCommandResult.Ok);
    }

    public Task<RoomCommandResult> Cancel(RoomCaller caller)
    {
        if (_generation is not { IsActive: true } job)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Conflict, "Nothing is running in this room."));
        }

        if (job.RequestedBy != caller.MemberId && Refuse(caller, RoomAction.CancelAnyGeneration) is not null)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Forbidden, "Only the person who started it or a Facilitator can cancel this generation."));
        }

        _cancelledBy = caller;
        _renderer.Cancel(job.JobId);
        return Task.FromResult(RoomCommandResult.Ok);
    }

    public Task ReportRender(Guid jobId, RenderReport report)
    {
        if (_generation is not { } job || job.JobId != jobId || !job.IsActive)
        {
            // A report from a job this room has moved on from (cancelled and replaced): ignore it.
            return Task.CompletedTask;
        }

        switch (report)
        {
            case RenderQueued queued:
                _generation = job with { State = GenerationState.Queued, QueuePosition = queued.Position };
                Publish(revision => new GenerationChanged(revision, _generation, null));
                break;
            case RenderStarted started:
                _generation = job with { State = GenerationState.Running, QueuePosition = 0, TotalSteps = started.TotalSteps, Seed = started.Seed, Message = started.Notes.Count > 0 ? string.Join(" ", started.Notes) : null };
                Publish(revision => new GenerationChanged(revision, _generation, null));
                break;
            case RenderStepped stepped:
                _generation = job with { State = GenerationState.Running, Step = stepped.Index, TotalSteps = stepped.TotalSteps, Elapsed = stepped.Elapsed };
                Publish(revision => new GenerationProgress(revision, _generation, stepped.Preview));
                break;
            case RenderCompleted completed:
                _lastResult = completed.Image;
                RecordFinishedRun(jobId, completed);
                if (_parameters.InitImageHash is null)
                {
                    // Without an init image the mask is painted over the last result; with one, over the init image.
                    ResizeEmptyCanvas(completed.Image.Width, completed.Image.Height);
                }

                _generation = job with { State = GenerationState.Completed, Step = job.TotalSteps, Elapsed = completed.Elapsed, Seed = completed.Seed };
                Publish(revision => new GenerationChanged(revision, _generation, completed.Image));
                break;
            case RenderFailed failed:
                _generation = job with { State = GenerationState.Failed, Message = failed.Reason };
                Publish(revision => new GenerationChanged(revision, _generation, null));
                break;
            case RenderCancelled:
                _generation = job with { State = GenerationState.Cancelled, Message = "Cancelled." };
                Publish(revision => new GenerationChanged(revision, _generation, null));
                break;
        }

        if (_generation is { IsActive: false } ended)
        {
            NoteJobEnded(ended, report);
            _running = null;
            _runningInitImage = null;
        }

        if (_generation is { IsActive: false } && _liveRequester is not null && _liveTimer is null)
        {
            // A live-mode change arrived while this job was finishing: run the newest recipe now.
            StartJob(_liveRequester);
            _liveRequester = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>The recipe captured when the job started becomes the last run's, with what only the end tells (seed, model, time).</summary>
    private void RecordFinishedRun(Guid jobId, RenderCompleted completed)
    {
        if (_running is { } running && running.JobId == jobId)
        {
            _lastRun = running with { Seed = completed.Seed, Model = completed.Model ?? running.Model, Elapsed = completed.Elapsed };
            _lastRunInitImage = _runningInitImage;
        }
    }

    /// <summary>In live mode, any recipe change restarts generation after a short quiet time.</summary>
    private void RecipeChanged(RoomCaller caller)
    {
        if (!_isLive || !RoomPolicy.Allows(caller.Role, RoomAction.Generate))
        {
            return;
        }

        _liveRequester = caller;
        _liveTimer?.Dispose();
        _liveTimer = this.RegisterGrainTimer(LiveRestartAsync, new GrainTimerCreationOptions(LiveDebounce, Timeout.InfiniteTimeSpan));
    }

    private Task LiveRestartAsync(CancellationToken cancellationToken)
    {
        StopLiveTimer();
        if (_liveRequester is not { } requester)
        {
            return Task.CompletedTask;
        }

        if (_generation is { IsActive: true } stale)
        {
            // Stop the stale run at its next step; its Cancelled report starts the new one.
            _replacedByLive = true;
            _renderer.Cancel(stale.JobId);
            return Task.CompletedTask;
        }

        _liveRequester = null;
        StartJob(requester);
        return Task.CompletedTask;
    }

    private void StopLiveTimer()
    {
        _liveTimer?.Dispose();
        _liveTimer = null;
    }

    /// <summary>Strokes are in the image's pixels: a new image size starts a new canvas, unless strokes are on it.</summary>
    private void ResizeEmptyCanvas(int width, int height)
    {
        if (_mask.IsEmpty && (width != _mask.ImageWidth || height != _mask.ImageHeight))
        {
            _mask = new MaskStrokes(width, height);
            Publish(revision => new MaskCleared(revision, "", width, height));
        }
    }

    private void StartJob(RoomCaller requester)
    {
        var job = NewJob();
        // The recipe as it is now, before anyone edits on: what a version saved from this run's image records.
        _running = new RunRecipe(
            job.JobId, _prompt.ToSnapshot(), _negativePrompt.ToSnapshot(), _parameters,
            job.Mask is null ? [] : _mask.All, _mask.ImageWidth, _mask.ImageHeight,
            requester.MemberId, requester.DisplayName, _parameters.Seed, _parameters.Model, _time.GetUtcNow(), TimeSpan.Zero,
            _originVersionId, job.Mode != RenderMode.TextToImage);
        // The init image's bytes when they are the room's own last result; an uploaded one is in the store already.
        _runningInitImage = job.InitImage;
        _generation = new GenerationStatus(job.JobId, requester.MemberId, requester.DisplayName, GenerationState.Queued, 0, _parameters.Steps, TimeSpan.Zero, 0, _parameters.Seed, null);
        Publish(revision => new GenerationChanged(revision, _generation, null));
        (_cancelledBy, _replacedByLive) = (null, false);
        Note((timeline, now) => timeline.Add(TimelineEntries.GenerationRequested(now, requester, job.JobId, _parameters, job.Mode)));
        _logger.LogInformation("Room {RoomId}: generation {JobId} ({Mode}) requested by member {MemberId}", RoomId, job.JobId, job.Mode, requester.MemberId);
        _renderer.Enqueue(job);
    }

    /// <summary>
    /// The room's recipe as a job. With an init image: img2img from it (the room's strength), or inpainting it when a
    /// mask is painted. Without one, a painted mask on the last result means inpainting that; otherwise txt2img.
    /// </summary>
    private RenderJob NewJob()
    {
        var mask = _mask.IsEmpty ? null : MaskRasterizer.RasterizePng(_mask.All, _mask.ImageWidth, _mask.ImageHeight);
        var jobId = Guid.NewGuid();
        if (_parameters.InitImageHash is { } initImageHash)
        {
            return new RenderJob(jobId, RoomId, _prompt.Text, _negativePrompt.Text, _parameters, InitImage: null, Mask: mask, InitImageHash: initImageHash);
        }

        var overLastResult = mask is not null && _lastResult is not null;
        return new RenderJob(jobId, RoomId, _prompt.Text, _negativePrompt.Text, _parameters,
            InitImage: overLastResult ? _lastResult!.Bytes : null, Mask: overLastResult ? mask : null);
    }

    private RoomCommandResult? Refuse(RoomCaller caller, RoomAction action) =>
        _removed.Contains(caller.MemberId) ? RoomCommandResult.Refused(RefusalKind.Forbidden, RemovedMessage)
        : RoomPolicy.Allows(caller.Role, action) ? null
        : RoomCommandResult.Refused(RefusalKind.Forbidden, $"Only a {RoomPolicy.RequiredRole(action)} or above may do this; you are a {caller.Role}.");

    private void Publish(Func<long, RoomEvent> create)
    {
        var roomEvent = create(++_revision);
        if (roomEvent is PromptEdited or ParametersChanged or RecipeRestored or StrokeAdded or StrokeRemoved or MaskCleared or LiveModeChanged
            or GenerationChanged { Result: not null })
        {
            MarkDirty();
        }

        KeepEarly(roomEvent);
        _observers.Notify(observer => observer.OnRoomEvent(roomEvent));
    }

    private IReadOnlyList<PresentMember> PresentList() =>
        _present.Values.OrderByDescending(m => m.Role).ThenBy(m => m.ColorIndex).ToList();

    private RoomSnapshot Snapshot() =>
        new(_revision, PresentList(), _parameters, new Dictionary<string, string>(_parametersChangedBy), _generation, _lastResult, _isLive,
            _prompt.ToSnapshot(), _negativePrompt.ToSnapshot(), [.. _mask.All], _mask.ImageWidth, _mask.ImageHeight, _lastRun, _originVersionId,
            CurrentCarets());
}
