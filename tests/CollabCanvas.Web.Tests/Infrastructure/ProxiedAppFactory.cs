using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Infrastructure;

/// <summary>
/// The app with every request arriving from one peer address, as Kestrel would report it, and a login limit of two
/// posts an hour. The test server reports no address at all, and the forwarded-headers middleware believes any
/// request without one, so the peer must be set for a test to tell a trusted proxy from a client.
/// </summary>
public abstract class ProxiedAppFactory : AppFactory
{
    protected ProxiedAppFactory(string peerAddress, IReadOnlyDictionary<string, string> settings)
    {
        PeerAddress = IPAddress.Parse(peerAddress);
        Settings = settings;
        LoginPermits = 2;
    }

    public IPAddress PeerAddress { get; }

    private IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>A client whose requests carry <c>X-Forwarded-For: <paramref name="forwardedFor"/></c>.</summary>
    public HttpClient CreateClientForwardedFor(string forwardedFor)
    {
        var client = CreatePersonClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // An hour, so a slow machine never sees the window reset between the posts a test counts.
        builder.UseSetting("RateLimits:WindowSeconds", 3600.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new PeerAddressFilter(PeerAddress)));
    }

    /// <summary>Sets the connection's remote address before anything of the app runs.</summary>
    private sealed class PeerAddressFilter(IPAddress peer) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = peer;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
