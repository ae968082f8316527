using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Timeline;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>An in-process cluster whose rooms read a <see cref="ManualClock"/>, so presence leases run out when a test says.</summary>
public sealed class PresenceClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public ManualClock Clock => (ManualClock)((InProcessSiloHandle)Cluster.Primary!).SiloHost!.Services.GetRequiredService<TimeProvider>();

    public static TimeSpan Lease => new PresenceOptions().Lease;

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

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.ConfigureServices(services => services
                .AddSingleton<IRoomRenderer, RecordingRenderer>()
                .AddSingleton<IRoomStateStore, MemoryRoomStateStore>()
                .AddSingleton<IRoomTimelineStore, MemoryTimelineStore>()
                .AddSingleton<TimeProvider, ManualClock>());
    }
}

[CollectionDefinition(Name)]
public sealed class PresenceClusterCollection : ICollectionFixture<PresenceClusterFixture>
{
    public const string Name = "presence cluster";
}
