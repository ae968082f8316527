using System.Globalization;

namespace CollabCanvas.Web.Tests.Crash;

/// <summary>
/// The configuration the crash test gives the app, as environment variables (the app reads them over
/// appsettings.json): one data folder for every start (database, keys, images), the fixture models, and no grace
/// period for unreferenced images, so each start-up sweep removes what an interrupted save left behind.
/// </summary>
internal sealed class CrashAppSettings(string dataFolder)
{
    public string DataFolder { get; } = dataFolder;

    public string DatabasePath => Path.Combine(DataFolder, "app.db");

    public string ImagesPath => Path.Combine(DataFolder, "images");

    public IEnumerable<(string Name, string Value)> Environment(int httpPort, int siloPort, int gatewayPort)
    {
        yield return ("ASPNETCORE_ENVIRONMENT", "Production");
        yield return ("ASPNETCORE_URLS", Invariant($"http://127.0.0.1:{httpPort}"));
        yield return ("ConnectionStrings__Default", $"Data Source={DatabasePath}");
        yield return ("Data__Provider", "Sqlite");
        yield return ("Data__Folder", DataFolder);
        yield return ("Images__RootPath", ImagesPath);
        yield return ("Images__OrphanGracePeriod", "00:00:00");
        yield return ("Inference__ModelsPath", Path.Combine(Infrastructure.RepositoryPaths.Root, "tests", "fixtures", "models"));
        yield return ("Orleans__SiloPort", Invariant($"{siloPort}"));
        yield return ("Orleans__GatewayPort", Invariant($"{gatewayPort}"));
        yield return ("RateLimits__LoginPermitsPerWindow", "1000");
        yield return ("RateLimits__JoinPermitsPerWindow", "1000");

        // The sweep's line must reach the console; the rest of the app's chatter only costs time.
        yield return ("Logging__LogLevel__Default", "Warning");
        yield return ("Logging__LogLevel__CollabCanvas.Web.Versions.ImageSweepService", "Information");
        yield return ("Logging__Console__FormatterName", "simple");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
