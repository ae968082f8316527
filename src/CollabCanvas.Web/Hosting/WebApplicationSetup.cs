using System.Text.Json.Serialization;
using CollabCanvas.Data;
using CollabCanvas.Web.Components;
using CollabCanvas.Web.Endpoints;
using CollabCanvas.Web.Health;
using CollabCanvas.Web.Inference;
using CollabCanvas.Web.Options;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CollabCanvas.Web.Hosting;

/// <summary>Everything Program.cs registers and maps, in one place.</summary>
public static class WebApplicationSetup
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddCollabCanvas(this WebApplicationBuilder builder)
    {
        // MudBlazor's and Blazor's files are served from the NuGet cache by the static web assets
        // manifest after a build; without this, only Development would find them. A no-op when published.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName);
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoomOptions>().BindConfiguration(RoomOptions.SectionName);
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        services.AddAppDatabase();

        // Keys persist under data/ so sign-in cookies and invite links survive a restart.
        services.AddDataProtection().SetApplicationName("CollabCanvas");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<DataOptions>, IHostEnvironment, ILoggerFactory>((keys, data, environment, loggers) =>
            {
                var folder = Path.Combine(Path.GetFullPath(data.Value.Folder, environment.ContentRootPath), "keys");
                keys.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(folder), loggers);
            });

        services.AddAccountsAndGuests();
        services.AddInferenceAuthority(builder.Configuration);
        services.AddTrustedProxies();
        services.AddAppRateLimits();
        services.AddSingleton<InviteTokens>();
        services.AddSingleton<RoomService>();
        builder.AddLiveRooms();
        services.AddVersions(builder.Configuration);
        services.AddRoomsHub(builder.Configuration);
        services.AddScoped<Components.Account.IdentityRedirectManager>();

        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag])
            .AddCheck<ModelsFolderHealthCheck>("models", tags: [ReadyTag]);

        services.AddProblemDetails();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        // Roles travel as their names ("Editor"), not numbers, in the JSON API.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication UseCollabCanvas(this WebApplication app)
    {
        // First, so everything after it (errors, rate limits, logs) sees the client behind a trusted proxy.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Pages answer an empty error status with a readable page; the API and form posts keep their status
        // (re-executing a POST would run its antiforgery check again and fail on the consumed form).
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            if (!IsPageRead(http) && http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            return next(http);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapRoomsApi();
        app.MapAccountEndpoints();
        app.MapVersions();
        app.MapRoomsHub();
        app.MapInferenceTokenEndpoint();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsPageRead(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api");
}
