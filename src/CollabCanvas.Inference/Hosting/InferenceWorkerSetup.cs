using CollabCanvas.Engine;
using CollabCanvas.Inference.Hubs;
using CollabCanvas.Inference.Jobs;
using CollabCanvas.Inference.Protocol;

namespace CollabCanvas.Inference.Hosting;

/// <summary>Everything the worker registers and maps: the engine, its device queue, the hub, token validation.</summary>
public static class InferenceWorkerSetup
{
    public static WebApplicationBuilder AddInferenceWorker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<InferenceWorkerOptions>().BindConfiguration(InferenceWorkerOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddDiffusionEngine(builder.Configuration);

        // The engine resolves a relative models path against the working directory; ours is the content root.
        services.PostConfigure<EngineOptions>(options =>
            options.ModelsPath = Path.GetFullPath(options.ModelsPath, builder.Environment.ContentRootPath));

        services.AddSingleton<DeviceJobQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<DeviceJobQueue>());

        var worker = builder.Configuration.GetSection(InferenceWorkerOptions.SectionName).Get<InferenceWorkerOptions>() ?? new InferenceWorkerOptions();
        services.AddSignalR(hub =>
            {
                hub.MaximumReceiveMessageSize = worker.MaxRequestBytes;
                hub.KeepAliveInterval = worker.KeepAliveInterval;
                hub.EnableDetailedErrors = false;

                // MessagePack only: events travel as a union the JSON protocol would not tag, and bytes stay bytes.
                hub.SupportedProtocols = ["messagepack"];
            })
            .AddMessagePackProtocol(messagePack =>
                messagePack.SerializerOptions = WorkerMessagePack.WithWorkerEvents(messagePack.SerializerOptions));

        services.AddWorkerTokenValidation(builder.Configuration);
        services.AddHealthChecks();
        return builder;
    }

    public static WebApplication UseInferenceWorker(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health");
        app.MapHub<InferenceHub>(InferenceHubContract.Path, connection =>
            {
                // A connection lives no longer than its token: the worker closes it when the token expires.
                connection.CloseOnAuthenticationExpiration = true;
            })
            .RequireAuthorization(WorkerTokenValidation.PolicyName);
        return app;
    }
}
