using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>The app on a real Kestrel port (a free one), so a real browser can reach it.</summary>
public sealed class BrowserAppFactory : AppFactory
{
    public BrowserAppFactory()
    {
        UseKestrel(0);
        StartServer();
        BaseAddress = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal))
            .First();
    }

    public string BaseAddress { get; }
}
