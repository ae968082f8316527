using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CollabCanvas.Web.Options;

/// <summary>
/// The Orleans silo co-hosted in the web app (section "Orleans"). One node: localhost clustering. Several web nodes:
/// Redis clustering, each node advertising the address and silo port the others reach it on. Failure detection can be
/// tuned in <c>Orleans:Membership</c> (Orleans' own <c>ClusterMembershipOptions</c>, e.g. <c>ProbeTimeout</c>).
/// </summary>
public sealed class SiloOptions
{
    public const string SectionName = "Orleans";

    /// <summary>The connection string <see cref="ClusteringMode.Redis"/> uses (shared with the hub's backplane).</summary>
    public const string RedisConnectionName = "Redis";

    /// <summary>Port the silo talks to other silos on (loopback only with localhost clustering).</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port external Orleans clients would use; nothing connects to it in a single node.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Localhost (one node) or Redis. Not "Clustering": Orleans itself reads <c>Orleans:Clustering</c> as a provider section.</summary>
    public ClusteringMode Cluster { get; set; } = ClusteringMode.Localhost;

    /// <summary>
    /// The address the other nodes reach this silo on (Redis clustering): an IP address, loopback by default so a
    /// misconfigured node never exposes its silo port; set it to the machine's private address across machines.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Nodes with the same cluster id form one cluster (Redis clustering); two deployments sharing a Redis need two ids.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "Orleans:ClusterId must be 1-64 letters, digits, '.', '_' or '-'.")]
    public string ClusterId { get; set; } = "collabcanvas";

    /// <summary>
    /// What is wrong with these settings for a silo, given the Redis connection string configured (null when none),
    /// as messages naming the setting to fix; empty when the silo can start.
    /// </summary>
    public IReadOnlyList<string> Problems(string? redisConnectionString)
    {
        List<string> problems = [];
        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, context, results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(result => $"Orleans: {result.ErrorMessage}"));
        }

        if (!Enum.IsDefined(Cluster))
        {
            problems.Add($"Orleans:Cluster must be {string.Join(" or ", Enum.GetNames<ClusteringMode>())}.");
        }

        if (SiloPort == GatewayPort)
        {
            problems.Add($"Orleans:SiloPort and Orleans:GatewayPort must differ (both are {SiloPort}).");
        }

        if (Cluster == ClusteringMode.Redis)
        {
            if (string.IsNullOrWhiteSpace(redisConnectionString))
            {
                problems.Add($"Orleans:Cluster is Redis but ConnectionStrings:{RedisConnectionName} is empty: set it to the Redis every web node shares, e.g. \"127.0.0.1:6379\".");
            }
            else if (!TryParseRedis(redisConnectionString, out var error))
            {
                problems.Add($"ConnectionStrings:{RedisConnectionName} is not a Redis connection string: {error}");
            }

            if (!IPAddress.TryParse(AdvertisedAddress, out _))
            {
                problems.Add($"Orleans:AdvertisedAddress must be an IP address the other nodes can reach (\"{AdvertisedAddress}\" is not one).");
            }
        }

        return problems;
    }

    private static bool TryParseRedis(string connectionString, out string? error)
    {
        try
        {
            StackExchange.Redis.ConfigurationOptions.Parse(connectionString);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
