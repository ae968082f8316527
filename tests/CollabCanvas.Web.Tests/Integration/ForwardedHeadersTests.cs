using System.Net;
using CollabCanvas.Web.Options;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>Requests through a trusted reverse proxy (10.0.0.5, in the configured network 10.0.0.0/24).</summary>
public sealed class BehindTrustedProxyAppFactory()
    : ProxiedAppFactory("10.0.0.5", new Dictionary<string, string> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/24" });

/// <summary>Requests straight from a client (198.51.100.7) that sends its own X-Forwarded-For, with the default settings.</summary>
public sealed class DirectClientAppFactory() : ProxiedAppFactory("198.51.100.7", new Dictionary<string, string>());

/// <summary>A trusted network that is not one: the app must not start.</summary>
public sealed class BadProxyNetworkAppFactory()
    : ProxiedAppFactory("10.0.0.5", new Dictionary<string, string> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33" });

public sealed class TrustedProxyTests(BehindTrustedProxyAppFactory app) : IClassFixture<BehindTrustedProxyAppFactory>
{
    [Fact]
    public async Task Clients_behind_a_trusted_proxy_are_limited_each_by_their_own_forwarded_address()
    {
        var first = app.CreateClientForwardedFor("203.0.113.10");
        var second = app.CreateClientForwardedFor("203.0.113.20");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await FailedLoginsAsync(first, 3));
        Assert.Equal([HttpStatusCode.OK], await FailedLoginsAsync(second, 1));
    }

    [Fact]
    public async Task Only_the_address_the_proxy_appended_counts_not_one_the_client_put_before_it()
    {
        // nginx's $proxy_add_x_forwarded_for keeps what the client sent and appends the address it saw.
        var spoofing = app.CreateClientForwardedFor("192.0.2.1, 203.0.113.30");
        var sameClient = app.CreateClientForwardedFor("192.0.2.2, 203.0.113.30");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await FailedLoginsAsync(spoofing, 2));
        Assert.Equal([HttpStatusCode.TooManyRequests], await FailedLoginsAsync(sameClient, 1));
    }

    internal static async Task<List<HttpStatusCode>> FailedLoginsAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var response = await Forms.PostAsync(client, "/Account/Login", "login", new Dictionary<string, string>
            {
                ["Input.Email"] = "nobody@example.test",
                ["Input.Password"] = "Wrong-passw0rd",
            });
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}

public sealed class UntrustedForwardedForTests(DirectClientAppFactory app) : IClassFixture<DirectClientAppFactory>
{
    [Fact]
    public async Task A_client_that_is_not_a_trusted_proxy_cannot_choose_its_address_with_X_Forwarded_For()
    {
        var first = app.CreateClientForwardedFor("203.0.113.10");
        var second = app.CreateClientForwardedFor("203.0.113.20");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await TrustedProxyTests.FailedLoginsAsync(first, 2));
        Assert.Equal([HttpStatusCode.TooManyRequests], await TrustedProxyTests.FailedLoginsAsync(second, 1));
    }
}

public sealed class TrustedProxySettingsTests
{
    [Fact]
    public void The_app_does_not_start_with_a_bad_trusted_network_and_names_the_setting()
    {
        using var app = new BadProxyNetworkAppFactory();

        var refused = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("ForwardedHeaders:KnownNetworks:0 (\"10.0.0.0/33\") is not a network in CIDR notation", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_apps_settings_trust_no_proxy_beyond_loopback()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.json")).Build();

        var options = configuration.GetSection(TrustedProxyOptions.SectionName).Get<TrustedProxyOptions>();

        Assert.NotNull(options);
        Assert.Empty(options.KnownProxies);
        Assert.Empty(options.KnownNetworks);
    }

    [Theory]
    [InlineData("10.0.0.5", null)]
    [InlineData("fd00::5", null)]
    [InlineData("10.1", "ForwardedHeaders:KnownProxies:0 (\"10.1\") is not an IP address")]
    [InlineData("proxy.internal", "ForwardedHeaders:KnownProxies:0 (\"proxy.internal\") is not an IP address")]
    public void Proxy_addresses_are_checked(string address, string? problem) =>
        AssertProblem(new TrustedProxyOptions { KnownProxies = [address] }, problem);

    [Theory]
    [InlineData("10.0.0.0/24", null)]
    [InlineData("fd00::/64", null)]
    [InlineData("10.0.0.0", "ForwardedHeaders:KnownNetworks:0 (\"10.0.0.0\") is not a network")]
    [InlineData("10.0.0.1/8", "ForwardedHeaders:KnownNetworks:0 (\"10.0.0.1/8\") is not a network")]
    [InlineData("10.0/16", "ForwardedHeaders:KnownNetworks:0 (\"10.0/16\") is not a network")]
    public void Proxy_networks_are_checked(string network, string? problem) =>
        AssertProblem(new TrustedProxyOptions { KnownNetworks = [network] }, problem);

    private static void AssertProblem(TrustedProxyOptions options, string? problem)
    {
        var problems = options.Problems();
        if (problem is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.StartsWith(problem, Assert.Single(problems), StringComparison.Ordinal);
        }
    }
}
