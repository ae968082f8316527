using CollabCanvas.Rooms.Live;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>An in-process cluster whose rooms read a <see cref="ManualClock"/>, so presence leases run out when a test says.</summary>
public sealed class PresenceClusterFixture : InProcessRoomCluster<PresenceClusterFixture.SiloConfigurator>
{
    public ManualClock Clock => (ManualClock)SiloService<TimeProvider>();

    public static TimeSpan Lease => new PresenceOptions().Lease;

    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.ConfigureServices(services => AddRoomDoubles(services).AddSingleton<TimeProvider, ManualClock>());
    }
}

[CollectionDefinition(Name)]
public sealed class PresenceClusterCollection : ICollectionFixture<PresenceClusterFixture>
{
    public const string Name = "presence cluster";
}
