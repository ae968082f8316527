using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>The app on a real Kestrel port (a free one, or the one given), so a real browser can reach it.</summary>
public class BrowserAppFactory : AppFactory
{
    public BrowserAppFactory()
        : this(0)
    {
    }

    /// <summary>On <paramref name="port"/>, for a subclass that must name its address in its settings before it starts.</summary>
    protected BrowserAppFactory(int port)
    {
        UseKestrel(port);
        StartServer();
        BaseAddress = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal))
            .First();
    }

    public string BaseAddress { get; }
}
