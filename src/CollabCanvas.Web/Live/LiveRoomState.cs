using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Web.Live;

/// <summary>
/// What one participant's view shows of a live room, kept up to date from the room's events. Only the newest
/// preview frame is kept: a view that falls behind shows the latest frame, never a backlog.
/// </summary>
public sealed class LiveRoomState
{
    public LiveRoomState(RoomSnapshot snapshot) => Reset(snapshot);

    public long Revision { get; private set; }

    public IReadOnlyList<PresentMember> Present { get; private set; } = [];

    public RoomParameters Parameters { get; private set; } = RoomParameters.Default;

    public IReadOnlyDictionary<string, string> ParametersChangedBy { get; private set; } = new Dictionary<string, string>();

    public GenerationStatus? Generation { get; private set; }

    /// <summary>The newest preview frame of the running job (data URL), or null.</summary>
    public string? PreviewUrl { get; private set; }

    /// <summary>How many preview frames this view has received for the current job.</summary>
    public int PreviewFrames { get; private set; }

    /// <summary>The last finished image (data URL), or null.</summary>
    public string? ResultUrl { get; private set; }

    public bool IsLive { get; private set; }

    /// <summary>True while a job runs and a preview frame of it has arrived.</summary>
    public bool ShowingPreview => Generation is { IsActive: true } && PreviewUrl is not null;

    /// <summary>What the image area shows: the newest preview while running, else the last result.</summary>
    public string? ShownImageUrl => ShowingPreview ? PreviewUrl : ResultUrl;

    /// <summary>The prompt as the room has confirmed it, with who wrote each character.</summary>
    public AuthoredText Prompt { get; private set; } = AuthoredText.Empty;

    public long PromptRevision { get; private set; }

    public AuthoredText NegativePrompt { get; private set; } = AuthoredText.Empty;

    public long NegativePromptRevision { get; private set; }

    /// <summary>Mask strokes, oldest first.</summary>
    public IReadOnlyList<MaskStroke> Strokes { get; private set; } = [];

    public int MaskWidth { get; private set; }

    public int MaskHeight { get; private set; }

    /// <summary>Others' pointers on the canvas, by member.</summary>
    public IReadOnlyDictionary<Guid, (float X, float Y)> Pointers => _pointers;

    private readonly Dictionary<Guid, (float X, float Y)> _pointers = [];

    /// <summary>Everyone seen here since this view opened (name and colour), so authors who left keep theirs.</summary>
    public IReadOnlyDictionary<Guid, PresentMember> Roster => _roster;

    private readonly Dictionary<Guid, PresentMember> _roster = [];

    private void Remember(IEnumerable<PresentMember> present)
    {
        foreach (var member in present)
        {
            _roster[member.MemberId] = member;
        }
    }

    /// <summary>Others' carets in each prompt, in the text as this view has it (<see cref="Prompt"/> at <see cref="PromptRevision"/>).</summary>
    public IReadOnlyDictionary<Guid, TextSelection> CaretsIn(PromptField field) => field == PromptField.Prompt ? _promptCarets : _negativeCarets;

    private readonly Dictionary<Guid, TextSelection> _promptCarets = [];
    private readonly Dictionary<Guid, TextSelection> _negativeCarets = [];

    private void MoveCarets(PromptField field, PromptApplied applied)
    {
        var carets = field == PromptField.Prompt ? _promptCarets : _negativeCarets;
        foreach (var (member, selection) in carets.ToList())
        {
            carets[member] = SharedCaret.Through(selection, member, applied);
        }
    }

    /// <summary>The latest join/leave notice.</summary>
    public string? Notice { get; private set; }

    public void Reset(RoomSnapshot snapshot)
    {
        Revision = snapshot.Revision;
        Present = snapshot.Present;
        Remember(snapshot.Present);
        Parameters = snapshot.Parameters;
        ParametersChangedBy = snapshot.ParametersChangedBy;
        Generation = snapshot.Generation;
        ResultUrl = snapshot.LastResult is { } result ? LocalRoomEvent.ToDataUrl(result) : null;
        IsLive = snapshot.IsLive;
        PreviewUrl = null;
        PreviewFrames = 0;
        _held.Clear();
        WaitingSince = null;
        AdoptPromptsAndMask(snapshot.Prompt, snapshot.NegativePrompt, snapshot.Strokes, snapshot.MaskWidth, snapshot.MaskHeight);
        foreach (var caret in snapshot.Carets ?? [])
        {
            // In the prompts just adopted: a newcomer sees where everyone is typing before anyone moves.
            (caret.Field == PromptField.Prompt ? _promptCarets : _negativeCarets)[caret.MemberId] = caret.Selection;
        }

        _pointers.Clear();
    }

    /// <summary>
    /// Takes whole prompts and mask from the room (a snapshot or a restored recipe). Carets pointed into the texts
    /// they replace; their owners share them again when they next move them.
    /// </summary>
    private void AdoptPromptsAndMask(PromptSnapshot prompt, PromptSnapshot negativePrompt, IReadOnlyList<MaskStroke> strokes, int maskWidth, int maskHeight)
    {
        Prompt = AuthoredText.FromSpans(prompt.Text, prompt.Authors);
        PromptRevision = prompt.Revision;
        NegativePrompt = AuthoredText.FromSpans(negativePrompt.Text, negativePrompt.Authors);
        NegativePromptRevision = negativePrompt.Revision;
        Strokes = strokes;
        MaskWidth = maskWidth;
        MaskHeight = maskHeight;
        _promptCarets.Clear();
        _negativeCarets.Clear();
    }

    /// <summary>
    /// Takes an event as it arrives. Events can overtake each other on the way, so one that comes early is
    /// held until the ones before it arrive. Returns the events applied now, in revision order (empty while
    /// waiting); <see cref="WaitingSince"/> says how long a gap has been open, so the caller can give up
    /// waiting and <see cref="Reset"/> from a snapshot.
    /// </summary>
    public IReadOnlyList<LocalRoomEvent> Accept(LocalRoomEvent local)
    {
        if (local.Event is TransientRoomEvent)
        {
            return [local]; // outside the revision order: shown at once, never held (the view draws it; nothing here changes)
        }

        if (local.Event.Revision <= Revision)
        {
            return []; // already reflected (it arrived with the snapshot)
        }

        _held[local.Event.Revision] = local;
        var applied = new List<LocalRoomEvent>();
        while (_held.Remove(Revision + 1, out var next))
        {
            Apply(next);
            applied.Add(next);
        }

        WaitingSince = _held.Count > 0 ? WaitingSince ?? DateTimeOffset.UtcNow : null;
        return applied;
    }

    /// <summary>When the oldest unfilled gap opened; null when nothing is held.</summary>
    public DateTimeOffset? WaitingSince { get; private set; }

    private readonly SortedDictionary<long, LocalRoomEvent> _held = [];

    private void Apply(LocalRoomEvent local)
    {
        var roomEvent = local.Event;
        Revision = roomEvent.Revision;
        switch (roomEvent)
        {
            case PresenceChanged presence:
                Present = presence.Present;
                Remember(presence.Present);
                foreach (var gone in _pointers.Keys.Where(id => presence.Present.All(member => member.MemberId != id)).ToList())
                {
                    _pointers.Remove(gone);
                }

                foreach (var carets in new[] { _promptCarets, _negativeCarets })
                {
                    foreach (var gone in carets.Keys.Where(id => presence.Present.All(member => member.MemberId != id)).ToList())
                    {
                        carets.Remove(gone);
                    }
                }

                Notice = presence.Notice ?? Notice;
                break;
            case ParametersChanged parameters:
                Parameters = parameters.Parameters;
                ParametersChangedBy = parameters.ChangedBy;
                break;
            case PromptEdited { Field: PromptField.Prompt } edited:
                Prompt = Prompt.Apply(edited.Applied.Operation, edited.Applied.Author);
                PromptRevision = edited.Applied.Revision;
                MoveCarets(edited.Field, edited.Applied);
                break;
            case PromptEdited edited:
                NegativePrompt = NegativePrompt.Apply(edited.Applied.Operation, edited.Applied.Author);
                NegativePromptRevision = edited.Applied.Revision;
                MoveCarets(edited.Field, edited.Applied);
                break;
            case CaretMoved { Field: PromptField.Prompt or PromptField.NegativePrompt } caret:
                var moved = caret.Field == PromptField.Prompt ? _promptCarets : _negativeCarets;
                if (caret.Selection is { } selection)
                {
                    moved[caret.MemberId] = selection;
                }
                else
                {
                    moved.Remove(caret.MemberId);
                }

                break;
            case StrokeAdded added:
                Strokes = [.. Strokes, added.Stroke];
                break;
            case StrokeRemoved removed:
                Strokes = Strokes.Where(stroke => stroke.Id != removed.StrokeId).ToList();
                break;
            case MaskCleared cleared:
                Strokes = [];
                MaskWidth = cleared.Width;
                MaskHeight = cleared.Height;
                break;
            case RecipeRestored restored:
                AdoptPromptsAndMask(restored.Prompt, restored.NegativePrompt, restored.Strokes, restored.MaskWidth, restored.MaskHeight);
                Parameters = restored.Parameters;
                ParametersChangedBy = restored.ParametersChangedBy;
                Notice = string.IsNullOrEmpty(restored.Title)
                    ? $"{restored.By} restored a version's recipe"
                    : $"{restored.By} restored the recipe of \"{restored.Title}\"";
                break;
            case PointerMoved pointer:
                _pointers[pointer.MemberId] = (pointer.X, pointer.Y);
                break;
            case LiveModeChanged live:
                IsLive = live.IsLive;
                break;
            case GenerationProgress progress:
                Generation = progress.Status;
                if (local.ImageDataUrl is not null)
                {
                    PreviewUrl = local.ImageDataUrl;
                    PreviewFrames++;
                }

                break;
            case GenerationChanged changed:
                if (changed.Status.JobId != Generation?.JobId)
                {
                    PreviewUrl = null;
                    PreviewFrames = 0;
                }

                Generation = changed.Status;
                if (local.ImageDataUrl is not null)
                {
                    ResultUrl = local.ImageDataUrl;
                }

                break;
        }
    }
}
