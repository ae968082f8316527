using System.Text.Json.Serialization;
using CollabCanvas.Web.Hubs;

namespace CollabCanvas.Web.Hosting;

/// <summary>The programmatic rooms hub: SignalR with JSON and MessagePack, and its broadcaster (flood limits are the live rooms', see RoomFloodGuard).</summary>
internal static class RoomsHubSetup
{
    public const string Path = "/hubs/rooms";

    public static IServiceCollection AddRoomsHub(this IServiceCollection services)
    {
        services.AddSingleton<RoomHubBroadcaster>();

        // Enums travel as names ("Editor", "Prompt") in JSON, as in the HTTP API; MessagePack is the compact choice (preview bytes stay binary).
        services.AddSignalR()
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddMessagePackProtocol();
        return services;
    }

    public static IEndpointRouteBuilder MapRoomsHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<RoomsHub>(Path);
        return endpoints;
    }
}
