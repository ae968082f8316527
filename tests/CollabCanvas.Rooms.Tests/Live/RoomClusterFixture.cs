using System.Collections.Concurrent;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Timeline;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>An in-process Orleans cluster whose renderer only records jobs, so tests drive progress by hand.</summary>
public sealed class RoomClusterFixture : InProcessRoomCluster<RoomClusterFixture.SiloConfigurator>
{
    public RecordingRenderer Renderer => (RecordingRenderer)SiloService<IRoomRenderer>();

    public MemoryRoomStateStore Store => (MemoryRoomStateStore)SiloService<IRoomStateStore>();

    public MemoryTimelineStore Timeline => (MemoryTimelineStore)SiloService<IRoomTimelineStore>();

    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.ConfigureServices(services => AddRoomDoubles(services).AddSingleton(TimeProvider.System));
    }
}

/// <summary>Records what the grain asks of the renderer.</summary>
public sealed class RecordingRenderer : IRoomRenderer
{
    public ConcurrentQueue<RenderJob> Enqueued { get; } = new();

    public ConcurrentQueue<Guid> Cancelled { get; } = new();

    public void Enqueue(RenderJob job) => Enqueued.Enqueue(job);

    public void Cancel(Guid jobId) => Cancelled.Enqueue(jobId);

    public IReadOnlyList<RenderJob> JobsFor(Guid roomId) => Enqueued.Where(job => job.RoomId == roomId).ToList();
}

/// <summary>Keeps saved room states in memory, as the database would.</summary>
public sealed class MemoryRoomStateStore : IRoomStateStore
{
    public ConcurrentDictionary<Guid, RoomLiveState> Saved { get; } = new();

    public Task<RoomLiveState?> LoadAsync(Guid roomId, CancellationToken cancellationToken) =>
        Task.FromResult(Saved.TryGetValue(roomId, out var state) ? state : null);

    public Task SaveAsync(Guid roomId, RoomLiveState state, CancellationToken cancellationToken)
    {
        // As the database does: a cancelled save writes nothing (a grain once handed its writes a cancelled token).
        cancellationToken.ThrowIfCancellationRequested();
        Saved[roomId] = state;
        return Task.CompletedTask;
    }
}

/// <summary>Keeps timelines in memory, as the database would; <see cref="Failing"/> makes every write throw.</summary>
public sealed class MemoryTimelineStore : IRoomTimelineStore
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, TimelineEntry>> _rooms = new();

    public volatile bool Failing;

    public int FailedWrites;

    public Task SaveAsync(Guid roomId, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            Interlocked.Increment(ref FailedWrites);
            throw new InvalidOperationException("The timeline store is down (test).");
        }

        cancellationToken.ThrowIfCancellationRequested(); // as the database does
        var room = _rooms.GetOrAdd(roomId, _ => new());
        foreach (var entry in entries)
        {
            room[entry.Id] = entry;
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<TimelineEntry> ReadAsync(Guid roomId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var entry in Of(roomId))
        {
            yield return entry;
        }
    }

    /// <summary>The room's written entries in timeline order.</summary>
    public IReadOnlyList<TimelineEntry> Of(Guid roomId) =>
        _rooms.TryGetValue(roomId, out var room) ? [.. room.Values.OrderBy(e => e.At).ThenBy(e => e.Id)] : [];
}

/// <summary>Collects a room's events.</summary>
public sealed class RecordingObserver : IRoomObserver
{
    private readonly ConcurrentQueue<RoomEvent> _events = new();

    public IReadOnlyList<RoomEvent> Events => [.. _events];

    public Task OnRoomEvent(RoomEvent roomEvent)
    {
        _events.Enqueue(roomEvent);
        return Task.CompletedTask;
    }

    /// <summary>Waits (up to 5 s) until an event matching <paramref name="match"/> has arrived.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null) where T : RoomEvent
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (Events.OfType<T>().LastOrDefault(e => match?.Invoke(e) ?? true) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No {typeof(T).Name} arrived; got: {string.Join(", ", Events.Select(e => e.GetType().Name))}");
    }
}

[CollectionDefinition(Name)]
public sealed class RoomClusterCollection : ICollectionFixture<RoomClusterFixture>
{
    public const string Name = "room cluster";
}
