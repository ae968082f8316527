using System.Text.Json.Serialization;
using CollabCanvas.Web.Hubs;
using CollabCanvas.Web.Options;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace CollabCanvas.Web.Hosting;

/// <summary>
/// The programmatic rooms hub: SignalR with JSON and MessagePack, its broadcaster (flood limits are the live rooms',
/// see RoomFloodGuard), and optionally the Redis backplane (<c>RoomsHub:RedisBackplane</c>).
/// </summary>
internal static class RoomsHubSetup
{
    public const string Path = "/hubs/rooms";

    /// <summary>Prefix of the backplane's Redis channels, so they never mix with anything else in that Redis.</summary>
    public const string BackplaneChannelPrefix = "CollabCanvas.RoomsHub";

    public static IServiceCollection AddRoomsHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RoomHubBroadcaster>();
        services.AddSingleton<RoomHubGroups>();

        // Enums travel as names ("Editor", "Prompt") in JSON, as in the HTTP API; MessagePack is the compact choice (preview bytes stay binary).
        services.AddSignalR()
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddMessagePackProtocol();

        var options = configuration.GetSection(RoomsHubOptions.SectionName).Get<RoomsHubOptions>() ?? new RoomsHubOptions();
        if (options.RedisBackplane)
        {
            services.AddRoomsHubBackplane(configuration.GetConnectionString(SiloOptions.RedisConnectionName));
        }

        return services;
    }

    /// <summary>
    /// The backplane for the rooms hub only: the pages' Blazor circuits (SignalR too) keep the in-memory lifetime
    /// manager, so a Redis that is down can never take a circuit with it. <c>abortConnect=false</c> lets the app start
    /// and keep retrying while Redis is away.
    /// </summary>
    private static void AddRoomsHubBackplane(this IServiceCollection services, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"RoomsHub:RedisBackplane is on but ConnectionStrings:{SiloOptions.RedisConnectionName} is empty: set it to the Redis the web nodes share, e.g. \"127.0.0.1:6379\", or turn the backplane off.");
        }

        ConfigurationOptions redis;
        try
        {
            redis = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{SiloOptions.RedisConnectionName} is not a Redis connection string: {ex.Message}", ex);
        }

        redis.AbortOnConnectFail = false;
        redis.ChannelPrefix = RedisChannel.Literal(BackplaneChannelPrefix);
        services.Configure<RedisOptions>(backplane => backplane.Configuration = redis);
        services.AddSingleton<HubLifetimeManager<RoomsHub>, RedisHubLifetimeManager<RoomsHub>>();
    }

    public static IEndpointRouteBuilder MapRoomsHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<RoomsHub>(Path);
        return endpoints;
    }
}
