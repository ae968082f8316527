using CollabCanvas.Web.Tests.Browser;
using Microsoft.AspNetCore.Hosting;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>
/// Flood tests share one app whose change allowance refills at one a second (the burst stays the shipped 40).
/// Each change the room takes costs a database read, so on a loaded machine a flood can be slower than the
/// shipped refill of 20 a second; with this one, what a flood gets does not depend on the machine's speed.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FloodCollection : ICollectionFixture<FloodCollection.SlowRefillApp>
{
    public const string Name = "flood limits";

    public sealed class SlowRefillApp : BrowserAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RoomFlood:ChangesPerSecond", "1");
        }
    }
}
