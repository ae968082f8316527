using CollabCanvas.Web.Tests.Browser;
using Microsoft.AspNetCore.Hosting;

namespace CollabCanvas.Web.Tests.Cluster;

/// <summary>
/// The app with the rooms hub's Redis backplane on, pointed at a loopback port where no Redis listens when it starts.
/// A test may start a Redis on <see cref="RedisPort"/> later.
/// </summary>
public sealed class RedisDownBackplaneAppFactory : BrowserAppFactory
{
    /// <summary>Chosen before the base constructor starts the server (field initializers run first).</summary>
    private readonly int _redisPort = FreePorts.Next();

    public int RedisPort => _redisPort;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RoomsHub:RedisBackplane", "true");
        builder.UseSetting("ConnectionStrings:Redis", $"127.0.0.1:{_redisPort},connectTimeout=500");
    }
}
