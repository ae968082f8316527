using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Inference;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Options;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Hosting;

/// <summary>
/// The room renderer for <c>Inference:Mode</c>: the engine in this process (InProcess, the default) or the
/// inference workers listed in <c>Inference:Workers</c> (Remote), reached with a client-credentials token.
/// Rooms see the same <see cref="IRoomRenderer"/> either way.
/// </summary>
internal static class InferenceClientSetup
{
    public static IServiceCollection AddRoomRenderer(this IServiceCollection services, IConfiguration configuration)
    {
        var mode = configuration.GetSection(InferenceClientOptions.SectionName).Get<InferenceClientOptions>()?.Mode ?? InferenceMode.InProcess;
        if (mode == InferenceMode.Remote)
        {
            services.AddHttpClient<WorkerTokenClient>();
            services.AddSingleton(provider => new WorkerPool(
                provider.GetRequiredService<IOptions<InferenceClientOptions>>(),
                provider.GetRequiredService<WorkerTokenClient>(),
                provider.GetRequiredService<ILogger<WorkerPool>>()));
            services.AddHostedService(provider => provider.GetRequiredService<WorkerPool>());
            services.AddSingleton<IRoomRenderer, RemoteRoomRenderer>();
            return services;
        }

        services.AddSingleton<EngineRoomRenderer>();
        services.AddSingleton<IRoomRenderer>(provider => provider.GetRequiredService<EngineRoomRenderer>());
        services.AddHostedService(provider => provider.GetRequiredService<EngineRoomRenderer>());
        return services;
    }
}
