using CollabCanvas.Data;
using CollabCanvas.Web.Components;
using CollabCanvas.Web.Endpoints;
using CollabCanvas.Web.Health;
using CollabCanvas.Web.Options;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
        var configuration = builder.Configuration;
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName);
        services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.SectionName);
        services.AddOptions<RoomOptions>().BindConfiguration(RoomOptions.SectionName);
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        var dataFolder = Path.GetFullPath(configuration[$"{DataOptions.SectionName}:{nameof(DataOptions.Folder)}"] ?? "data", builder.Environment.ContentRootPath);
        var connectionString = ResolveSqlite(configuration.GetConnectionString("Default") ?? "Data Source=data/collabcanvas.db", builder.Environment.ContentRootPath);
        services.AddDbContextFactory<AppDbContext>(options => options.UseSqlite(connectionString));

        services.AddDataProtection()
            .SetApplicationName("CollabCanvas")
            .PersistKeysToFileSystem(Directory.CreateDirectory(Path.Combine(dataFolder, "keys")));

        services.AddAccountsAndGuests();
        services.AddAppRateLimits();
        services.AddSingleton<InviteTokens>();
        services.AddSingleton<RoomService>();
        services.AddScoped<Components.Account.IdentityRedirectManager>();

        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag])
            .AddCheck<ModelsFolderHealthCheck>("models", tags: [ReadyTag]);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return builder;
    }

    public static WebApplication UseCollabCanvas(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapRoomsApi();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>A relative SQLite path is relative to the content root, not to wherever the process started.</summary>
    private static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        }

        return builder.ToString();
    }
}
