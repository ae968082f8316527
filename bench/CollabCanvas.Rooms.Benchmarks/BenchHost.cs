using System.Globalization;
using CollabCanvas.Web.Options;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>
/// The real app on a loopback Kestrel port with its own temporary data, the fixture models, flood limits
/// raised out of the way (the benchmark measures delivery, not the limiter), and the app's own renderer
/// (<c>EngineRoomRenderer</c>), whose step previews the benchmark switches through its bound options
/// (as appsettings.json sets them, off, or every step). Given workers, it runs in Remote mode instead
/// (<c>RemoteRoomRenderer</c>), on a port known before it starts: the workers must trust its address as the token issuer.
/// </summary>
internal sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly string _dataFolder;
    private readonly bool _ownsDataFolder;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _repositoryRoot;
    private readonly string _modelsPath;
    private readonly IReadOnlyList<Uri> _workers;
    private readonly int _port;

    /// <param name="dataFolder">A data folder shared with other nodes (kept); null: a temporary one of its own.</param>
    /// <param name="settings">More settings over the benchmark's own (a cluster's Orleans and Redis settings).</param>
    public BenchHost(string repositoryRoot, string modelsPath, int port = 0, IReadOnlyList<Uri>? workers = null,
        string? dataFolder = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        _ownsDataFolder = dataFolder is null;
        _dataFolder = dataFolder ?? Directory.CreateTempSubdirectory("collabcanvas-bench-").FullName;
        _settings = settings ?? new Dictionary<string, string>();
        _repositoryRoot = repositoryRoot;
        _modelsPath = modelsPath;
        _port = port;
        _workers = workers ?? [];
        UseKestrel(port);
        StartServer();
        ConfiguredMinInterval = Services.GetRequiredService<IOptions<RoomRenderingOptions>>().Value.PreviewMinInterval;
        BaseAddress = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal))
            .First();
    }

    public string BaseAddress { get; }

    /// <summary>The token issuer workers must trust for an app on <paramref name="port"/> (the app is its own authority).</summary>
    public static string IssuerFor(int port) => string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}/");

    /// <summary>
    /// Sets how the next job asks for previews. The renderer reads its bound options as each job starts, so changing
    /// the one bound instance between jobs is what changing <c>RoomRendering</c> in appsettings.json and restarting
    /// would do, without a restart. <see cref="PreviewMode.AppSettings"/> puts back what appsettings.json says.
    /// </summary>
    public PreviewMode Previews
    {
        set
        {
            var options = Services.GetRequiredService<IOptions<RoomRenderingOptions>>().Value;
            options.StepPreviews = value != PreviewMode.Off;
            options.PreviewMinInterval = value == PreviewMode.EveryStep ? TimeSpan.Zero : ConfiguredMinInterval;
        }
    }

    /// <summary>The preview interval appsettings.json gives, read before the benchmark changes the bound options.</summary>
    public TimeSpan ConfiguredMinInterval { get; }

    /// <summary>The model rooms generate with when none is chosen (the renderer takes the first available).</summary>
    public string ModelName => Services.GetRequiredService<CollabCanvas.Engine.Models.ModelCatalog>().Models.First(entry => entry.IsAvailable).Name;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(_repositoryRoot);
        builder.UseEnvironment("Production");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Orleans", "Error");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_dataFolder, "app.db")}");
        builder.UseSetting("Data:Folder", _dataFolder);
        builder.UseSetting("Inference:ModelsPath", _modelsPath);
        builder.UseSetting("RateLimits:LoginPermitsPerWindow", "10000");
        builder.UseSetting("RateLimits:JoinPermitsPerWindow", "10000");
        builder.UseSetting("RoomFlood:ChangeBurst", "100000");
        builder.UseSetting("RoomFlood:ChangesPerSecond", "100000");
        builder.UseSetting("Orleans:SiloPort", FreePort());
        builder.UseSetting("Orleans:GatewayPort", FreePort());
        if (_workers.Count > 0)
        {
            builder.UseSetting("Inference:Mode", "Remote");
            builder.UseSetting("InferenceTokens:Issuer", IssuerFor(_port));
            for (var index = 0; index < _workers.Count; index++)
            {
                builder.UseSetting($"Inference:Workers:{index}", _workers[index].ToString());
            }
        }

        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataFolder)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // a file still open; the OS temp cleaner takes it later
            }
        }
    }

    private static string FreePort() => FreePorts.Next().ToString(CultureInfo.InvariantCulture);
}
