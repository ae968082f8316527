using CollabCanvas.Data.Rooms;
using CollabCanvas.Engine;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Timeline;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Options;
using CollabCanvas.Web.Rooms;

namespace CollabCanvas.Web.Hosting;

/// <summary>
/// Live rooms: the Orleans silo co-hosted in this process (<see cref="SiloSetup"/>: one node, or several over Redis), the diffusion
/// engine in-process, the renderer that runs rooms' jobs on it or on inference workers (<c>Inference:Mode</c>), and the per-node relay of room events.
/// </summary>
internal static class LiveRoomsSetup
{
    public static WebApplicationBuilder AddLiveRooms(this WebApplicationBuilder builder)
    {
        builder.AddRoomsSilo();

        var services = builder.Services;
        services.AddDiffusionEngine(builder.Configuration);

        // The engine resolves a relative models path against the working directory; ours is the content root.
        services.PostConfigure<EngineOptions>(options =>
            options.ModelsPath = Path.GetFullPath(options.ModelsPath, builder.Environment.ContentRootPath));

        services.AddRoomRenderingOptions();
        services.AddRoomRenderer(builder.Configuration);
        services.AddSingleton<IRoomStateStore, EfRoomStateStore>();
        services.AddSingleton<IRoomTimelineStore, EfRoomTimelineStore>();
        services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NodePresence>();
        services.AddSingleton<RoomEventRelay>();
        services.AddOptions<RoomFloodOptions>().BindConfiguration(RoomFloodOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RoomFloodGuard>();
        services.AddSingleton<LiveRoomService>();
        services.AddSingleton<InitImageService>();
        services.AddSingleton<RenderJobImages>();
        services.AddSingleton<ModelChoices>();
        services.AddSingleton<IRoomMemberNotifier, GrainMemberNotifier>();
        return builder;
    }

    /// <summary><see cref="RoomRenderingOptions"/> bound from the configuration's "RoomRendering" section, checked at start.</summary>
    public static IServiceCollection AddRoomRenderingOptions(this IServiceCollection services)
    {
        services.AddOptions<RoomRenderingOptions>().BindConfiguration(RoomRenderingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
