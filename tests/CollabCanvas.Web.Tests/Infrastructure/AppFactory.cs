using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CollabCanvas.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a test server, with its own temporary data folder (SQLite file, keys) so test classes
/// never share state, and the repository root as content root as with `dotnet run`.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("collabcanvas-test-").FullName;

    /// <summary>Form posts allowed per minute for login/join; high by default so tests are not throttled.</summary>
    public int LoginPermits { get; init; } = 1000;

    public int JoinPermits { get; init; } = 1000;

    public string DatabasePath => Path.Combine(_dataFolder, "app.db");

    /// <summary>The models the app sees: the engine's tiny test fixtures, so generation runs fast and offline.</summary>
    public string ModelsPath { get; init; } = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "models");

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepositoryPaths.Root);
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        builder.UseSetting("Data:Folder", _dataFolder);
        builder.UseSetting("Images:RootPath", Path.Combine(_dataFolder, "images"));
        builder.UseSetting("RateLimits:LoginPermitsPerWindow", LoginPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:JoinPermitsPerWindow", JoinPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Every factory hosts its own Orleans silo; free ports keep parallel test classes apart.
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Inference:ModelsPath", ModelsPath);
    }

    /// <summary>A client that keeps cookies (one person) and shows redirects instead of following them.</summary>
    public HttpClient CreatePersonClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine; the OS temp cleaner takes it later.
            }
        }
    }
}
