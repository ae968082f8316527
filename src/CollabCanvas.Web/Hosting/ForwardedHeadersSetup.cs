using CollabCanvas.Web.Options;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Hosting;

/// <summary>
/// Behind a reverse proxy every connection comes from the proxy; the client's address and scheme arrive in
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>. They are applied (so rate limits and logs see the client) only
/// when the connection comes from a trusted proxy (<see cref="TrustedProxyOptions"/>).
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>();

        // Added to the framework's defaults (127.0.0.0/8 and ::1), which stay trusted.
        // Only the address and scheme: X-Forwarded-Host is left alone, links and cookies keep the Host the proxy sends.
        // ForwardLimit stays 1: the right-most X-Forwarded-For entry is the one the proxy wrote; those left of it
        // came from the client and are not believed.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in trusted.Value.ProxyAddresses())
            {
                forwarded.KnownProxies.Add(address);
            }

            foreach (var network in trusted.Value.ProxyNetworks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }
}
