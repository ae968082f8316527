using CollabCanvas.Web.Hosting;
using CollabCanvas.Web.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CollabCanvas.Web.Tests.Cluster;

/// <summary>The Orleans settings are checked before the silo is built: a wrong one stops the start with a message naming it.</summary>
public sealed class SiloSettingsTests
{
    [Fact]
    public void The_defaults_are_one_node_with_localhost_clustering_and_need_no_Redis()
    {
        var options = new SiloOptions();
        Assert.Equal(ClusteringMode.Localhost, options.Cluster);
        Assert.Empty(options.Problems(redisConnectionString: null));
    }

    [Fact]
    public void Redis_clustering_without_a_Redis_connection_string_names_the_setting_to_fill()
    {
        var problem = Assert.Single(new SiloOptions { Cluster = ClusteringMode.Redis }.Problems(redisConnectionString: " "));
        Assert.Contains("ConnectionStrings:Redis", problem);
    }

    [Fact]
    public void Redis_clustering_needs_an_IP_address_to_advertise_and_two_different_ports()
    {
        var problems = new SiloOptions { Cluster = ClusteringMode.Redis, AdvertisedAddress = "web-1", SiloPort = 7000, GatewayPort = 7000 }
            .Problems("127.0.0.1:6379");
        Assert.Contains(problems, p => p.Contains("Orleans:AdvertisedAddress", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Orleans:SiloPort and Orleans:GatewayPort must differ", StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_clustering_with_its_settings_is_accepted()
    {
        Assert.Empty(new SiloOptions { Cluster = ClusteringMode.Redis, ClusterId = "school-district" }.Problems("127.0.0.1:6379,abortConnect=false"));
        Assert.NotEmpty(new SiloOptions { Cluster = ClusteringMode.Redis, ClusterId = "two words" }.Problems("127.0.0.1:6379"));
    }

    [Theory]
    [InlineData("Redis", null, "ConnectionStrings:Redis is empty")]
    [InlineData("Redsi", "127.0.0.1:6379", "Orleans:Cluster is Localhost or Redis")]
    public void The_app_does_not_start_with_unusable_Orleans_settings(string cluster, string? redis, string message)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:Cluster"] = cluster,
            ["ConnectionStrings:Redis"] = redis,
        });

        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddRoomsSilo());
        Assert.Contains(message, refused.Message);
    }
}
