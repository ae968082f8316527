using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Timeline;

/// <summary>
/// The room grain's notebook: collects timeline entries until the grain's next save writes them, and folds
/// bursts into one entry each (a person's typing in one field, their mask strokes, their changes to one
/// parameter) so the history reads "Ana edited the prompt: +12 / −3 characters" rather than one line per key.
/// A burst ends after <see cref="BurstGap"/> without a change of its kind by its author. At most
/// <c>capacity</c> entries wait for the store: when it stays down, the oldest are dropped (and counted) so a
/// room never grows without bound. Not thread-safe: the grain runs one call at a time.
/// </summary>
public sealed class RoomTimelineRecorder(TimeProvider time, int capacity = RoomTimelineRecorder.DefaultCapacity)
{
    public const int DefaultCapacity = 5_000;

    /// <summary>Quiet time after which a person's next change of the same kind starts a new entry.</summary>
    public static readonly TimeSpan BurstGap = TimeSpan.FromSeconds(5);

    private readonly OrderedDictionary<Guid, TimelineEntry> _pending = [];
    private readonly Dictionary<string, Burst> _bursts = [];
    private int _dropped;
    private DateTimeOffset _lastStamp = DateTimeOffset.MinValue;

    public bool HasPending => _pending.Count > 0;

    /// <summary>
    /// The time for a new entry: now to the millisecond (what the database keeps), and always after the previous
    /// entry's, so entries made in the same millisecond still read back in the order they happened.
    /// </summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = time.GetUtcNow();
            now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
            _lastStamp = now > _lastStamp ? now : _lastStamp.AddMilliseconds(1);
            return _lastStamp;
        }
    }

    /// <summary>Records a single event (see <see cref="TimelineEntries"/>).</summary>
    public void Add(TimelineEntry entry) => Put(entry);

    public void PromptEdited(RoomCaller who, PromptField field, TextOperation operation)
    {
        var (inserted, deleted) = (0, 0);
        foreach (var step in operation.Steps)
        {
            inserted += step.Kind == EditKind.Insert ? step.Count : 0;
            deleted += step.Kind == EditKind.Delete ? step.Count : 0;
        }

        if (inserted + deleted == 0)
        {
            return;
        }

        var burst = Continue($"prompt:{field}:{who.MemberId}", who);
        burst.Counts["inserted"] = burst.Counts.GetValueOrDefault("inserted") + inserted;
        burst.Counts["deleted"] = burst.Counts.GetValueOrDefault("deleted") + deleted;
        var name = field == PromptField.Prompt ? "the prompt" : "the negative prompt";
        Put(burst.ToEntry(
            TimelineKind.PromptEdited,
            $"{who.DisplayName} edited {name}: +{burst.Counts["inserted"]} / −{burst.Counts["deleted"]} characters",
            ("field", field.ToString())));
    }

    public void StrokeAdded(RoomCaller who, MaskTool tool) => Painted(who, tool == MaskTool.Eraser ? "eraser" : "brush");

    public void StrokeUndone(RoomCaller who) => Painted(who, "undone");

    public void ParameterChanged(RoomCaller who, string field, string oldValue, string newValue)
    {
        var burst = Continue($"parameter:{field}:{who.MemberId}", who);
        burst.Texts.TryAdd("old", oldValue); // a drag keeps where it started
        burst.Texts["new"] = newValue;
        Put(burst.ToEntry(
            TimelineKind.ParameterChanged,
            $"{who.DisplayName} changed {ParameterValues.Label(field)}: {burst.Texts["old"]} → {newValue}",
            ("field", field)));
    }

    /// <summary>Everything waiting to be written, oldest first.</summary>
    public IReadOnlyList<TimelineEntry> Pending() => [.. _pending.Values];

    /// <summary>Forgets entries the store has taken, unless they grew meanwhile (then the newer one still waits).</summary>
    public void Written(IReadOnlyList<TimelineEntry> written)
    {
        foreach (var entry in written)
        {
            if (_pending.TryGetValue(entry.Id, out var current) && ReferenceEquals(current, entry))
            {
                _pending.Remove(entry.Id);
            }
        }
    }

    /// <summary>How many entries were dropped for want of room since the last call (to log it once).</summary>
    public int TakeDropped()
    {
        var dropped = _dropped;
        _dropped = 0;
        return dropped;
    }

    private void Painted(RoomCaller who, string what)
    {
        var burst = Continue($"mask:{who.MemberId}", who);
        burst.Counts[what] = burst.Counts.GetValueOrDefault(what) + 1;
        var parts = new List<string>();
        if (burst.Counts.GetValueOrDefault("brush") is > 0 and var brush)
        {
            parts.Add(TimelineEntries.Count(brush, "brush stroke"));
        }

        if (burst.Counts.GetValueOrDefault("eraser") is > 0 and var eraser)
        {
            parts.Add(TimelineEntries.Count(eraser, "eraser stroke"));
        }

        if (burst.Counts.GetValueOrDefault("undone") is > 0 and var undone)
        {
            parts.Add($"{TimelineEntries.Number(undone)} undone");
        }

        Put(burst.ToEntry(TimelineKind.MaskPainted, $"{who.DisplayName} painted the mask: {string.Join(", ", parts)}"));
    }

    private Burst Continue(string key, RoomCaller who)
    {
        var now = time.GetUtcNow();
        if (_bursts.TryGetValue(key, out var burst) && now - burst.LastAt <= BurstGap)
        {
            burst.LastAt = now;
            return burst;
        }

        // Bursts that have ended are forgotten, so this holds one per person and kind at most.
        foreach (var (endedKey, ended) in _bursts.Where(pair => now - pair.Value.LastAt > BurstGap).ToList())
        {
            _bursts.Remove(endedKey);
        }

        var at = Now;
        burst = new Burst(Guid.CreateVersion7(at), at, who);
        _bursts[key] = burst;
        return burst;
    }

    private void Put(TimelineEntry entry)
    {
        _pending[entry.Id] = entry;
        while (_pending.Count > capacity)
        {
            _pending.RemoveAt(0);
            _dropped++;
        }
    }

    private sealed class Burst(Guid id, DateTimeOffset at, RoomCaller who)
    {
        private readonly DateTimeOffset _at = at;

        public DateTimeOffset LastAt { get; set; } = at;

        public Dictionary<string, int> Counts { get; } = [];

        public Dictionary<string, string> Texts { get; } = [];

        public TimelineEntry ToEntry(TimelineKind kind, string text, params (string Key, string Value)[] details)
        {
            var all = details.ToDictionary(d => d.Key, d => d.Value);
            foreach (var (key, count) in Counts)
            {
                all[key] = TimelineEntries.Number(count);
            }

            foreach (var (key, value) in Texts)
            {
                all[key] = value;
            }

            return new TimelineEntry(id, _at, LastAt, kind, who.MemberId, who.DisplayName, text, all);
        }
    }
}
