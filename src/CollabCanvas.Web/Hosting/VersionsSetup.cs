using CollabCanvas.Data.Images;
using CollabCanvas.Web.Endpoints;
using CollabCanvas.Web.Export;
using CollabCanvas.Web.Versions;

namespace CollabCanvas.Web.Hosting;

/// <summary>Saved versions: the image store (section <c>Images</c>) and its start-up sweep, the versions facade and its API, the session export.</summary>
public static class VersionsSetup
{
    public static IServiceCollection AddVersions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddImageStore(configuration);
        services.AddSingleton<VersionService>();
        services.AddSingleton<SessionExportService>();
        services.AddHostedService<ImageSweepService>();
        return services;
    }

    public static IEndpointRouteBuilder MapVersions(this IEndpointRouteBuilder app) => app.MapVersionsApi().MapSessionExportApi();
}
