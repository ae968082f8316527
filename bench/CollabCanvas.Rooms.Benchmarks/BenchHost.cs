using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CollabCanvas.Rooms.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>
/// The real app on a loopback Kestrel port with its own temporary data, the fixture models, flood limits
/// raised out of the way (the benchmark measures delivery, not the limiter), and <see cref="BenchRenderer"/>
/// in place of the app's renderer so previews can be switched off.
/// </summary>
internal sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("collabcanvas-bench-").FullName;
    private readonly string _repositoryRoot;
    private readonly string _modelsPath;

    public BenchHost(string repositoryRoot, string modelsPath)
    {
        _repositoryRoot = repositoryRoot;
        _modelsPath = modelsPath;
        UseKestrel(0);
        StartServer();
        BaseAddress = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal))
            .First();
    }

    public string BaseAddress { get; }

    public BenchRenderer Renderer => Services.GetRequiredService<BenchRenderer>();

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
        builder.UseSetting("RoomsHub:ChangeBurst", "100000");
        builder.UseSetting("RoomsHub:ChangesPerSecond", "100000");
        builder.UseSetting("Orleans:SiloPort", FreePort());
        builder.UseSetting("Orleans:GatewayPort", FreePort());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<BenchRenderer>();
            services.AddSingleton<IRoomRenderer>(provider => provider.GetRequiredService<BenchRenderer>());
        });
    }

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
                // a file still open; the OS temp cleaner takes it later
            }
        }
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
