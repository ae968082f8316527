using System.Net;
using System.Net.Sockets;

namespace CollabCanvas.Web.Options;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> the app believes (section
/// "ForwardedHeaders"). Loopback is always trusted (a proxy on the same machine, as in docs/deploy/nginx.conf); any
/// other sender's forwarded headers are ignored, so a client that connects directly cannot pick its own address and
/// slip out of the per-address rate limits.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of single proxies, e.g. <c>10.0.0.5</c> or <c>fd00::5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR notation, e.g. <c>10.0.0.0/24</c> or <c>fd00::/64</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>What is wrong with these settings, as messages naming the setting to fix; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        List<string> problems = [];
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!TryParseAddress(KnownProxies[i], out _))
            {
                problems.Add($"{SectionName}:{nameof(KnownProxies)}:{i} (\"{KnownProxies[i]}\") is not an IP address such as \"10.0.0.5\" or \"fd00::5\".");
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!TryParseNetwork(KnownNetworks[i], out _))
            {
                problems.Add($"{SectionName}:{nameof(KnownNetworks)}:{i} (\"{KnownNetworks[i]}\") is not a network in CIDR notation such as \"10.0.0.0/24\" or \"fd00::/64\" (no bits set after the prefix).");
            }
        }

        return problems;
    }

    public IEnumerable<IPAddress> ProxyAddresses() =>
        KnownProxies.Select(text => TryParseAddress(text, out var address) ? address : throw new FormatException($"Not an IP address: {text}"));

    public IEnumerable<IPNetwork> ProxyNetworks() =>
        KnownNetworks.Select(text => TryParseNetwork(text, out var network) ? network : throw new FormatException($"Not a CIDR network: {text}"));

    private static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        return text is not null && IPAddress.TryParse(text, out address!) && IsFullyWritten(text, address);
    }

    private static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        // IPNetwork takes "10.0.0.1/8" (bits set after the prefix); refused, as it reads like one address with a wrong prefix.
        return slash > 0
            && IPNetwork.TryParse(text, out network)
            && TryParseAddress(text![..slash], out var written)
            && written.Equals(network.BaseAddress);
    }

    /// <summary>
    /// IPv4 in four dotted parts only: IPAddress also reads "10.1" (as 10.0.0.1) and "167772161", which are more
    /// likely typos than a deliberate proxy address.
    /// </summary>
    private static bool IsFullyWritten(string text, IPAddress address) =>
        address.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') == 3;
}
