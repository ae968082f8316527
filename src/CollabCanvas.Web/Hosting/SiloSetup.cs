using System.Net;
using CollabCanvas.Web.Options;
using Orleans.Configuration;
using SiloOptions = CollabCanvas.Web.Options.SiloOptions;

namespace CollabCanvas.Web.Hosting;

/// <summary>
/// The Orleans silo co-hosted in the web app. Localhost clustering (the default) is one node on its own; Redis
/// clustering lets several web nodes form one cluster, so each room's grain lives once whichever node its people use.
/// Wrong settings stop the start with a message naming the setting, before anything listens.
/// </summary>
internal static class SiloSetup
{
    /// <summary>Orleans' own failure-detection settings (<c>ClusterMembershipOptions</c>), e.g. <c>ProbeTimeout</c>.</summary>
    public const string MembershipSection = SiloOptions.SectionName + ":Membership";

    public static WebApplicationBuilder AddRoomsSilo(this WebApplicationBuilder builder)
    {
        var options = Read(builder.Configuration);
        var redis = builder.Configuration.GetConnectionString(SiloOptions.RedisConnectionName);
        if (options.Problems(redis) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(
                $"The Orleans settings in appsettings.json (or the environment) are not usable:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", problems)}");
        }

        builder.UseOrleans(silo =>
        {
            if (options.Cluster == ClusteringMode.Redis)
            {
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ClusterId;
                });
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort);
                silo.UseRedisClustering(redis!);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            }
        });
        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(MembershipSection));
        return builder;
    }

    private static SiloOptions Read(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the value but not what it could be.
            throw new InvalidOperationException(
                $"The Orleans settings are not usable: {ex.Message} (Orleans:Cluster is {string.Join(" or ", Enum.GetNames<ClusteringMode>())}; the ports are numbers).", ex);
        }
    }
}
