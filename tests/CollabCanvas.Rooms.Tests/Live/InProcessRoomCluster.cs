using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Timeline;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>
/// An in-process one-silo Orleans cluster for room grain tests, configured by <typeparamref name="TSiloConfigurator"/>
/// (which registers <see cref="AddRoomDoubles"/> and a clock): opening rooms, observing them, reaching the silo's services.
/// </summary>
public abstract class InProcessRoomCluster<TSiloConfigurator> : IAsyncLifetime
    where TSiloConfigurator : ISiloConfigurator, new()
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<TSiloConfigurator>().Build();

    public IRoomGrain NewRoom() => Cluster.GrainFactory.GetGrain<IRoomGrain>(Guid.NewGuid());

    public async Task<(RecordingObserver Observer, IRoomObserver Reference)> ObserveAsync(IRoomGrain room)
    {
        var observer = new RecordingObserver();
        var reference = Cluster.Client.CreateObjectReference<IRoomObserver>(observer);
        await room.Subscribe(reference);
        return (observer, reference);
    }

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>The silo's instance of a service (the doubles the tests inspect).</summary>
    protected T SiloService<T>() where T : notnull =>
        ((InProcessSiloHandle)Cluster.Primary!).SiloHost!.Services.GetRequiredService<T>();

    /// <summary>What the room grain needs besides a clock, as tests replace it: a recording renderer and in-memory stores.</summary>
    protected static IServiceCollection AddRoomDoubles(IServiceCollection services) => services
        .AddSingleton<IRoomRenderer, RecordingRenderer>()
        .AddSingleton<IRoomStateStore, MemoryRoomStateStore>()
        .AddSingleton<IRoomTimelineStore, MemoryTimelineStore>();
}
