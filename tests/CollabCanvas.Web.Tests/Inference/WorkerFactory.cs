using System.Globalization;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>
/// An inference worker (<c>src/CollabCanvas.Inference</c>) on a real loopback port, reading the repository's
/// appsettings.json (so it shares the token keys with the web app) with the test's issuer, models and queue size.
/// </summary>
public sealed class WorkerFactory : WebApplicationFactory<CollabCanvas.Inference.Program>
{
    private readonly string _issuer;
    private readonly string _modelsPath;
    private readonly int _queueCapacity;
    private readonly string? _audience;

    public WorkerFactory(int port, string issuer, string? modelsPath = null, int queueCapacity = 1, string? audience = null)
    {
        _issuer = issuer;
        _modelsPath = modelsPath ?? Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "models");
        _queueCapacity = queueCapacity;
        _audience = audience;
        BaseAddress = new Uri($"http://localhost:{port}");
        UseKestrel(port);
        StartServer();
    }

    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepositoryPaths.Root);
        builder.UseEnvironment("Production");
        builder.UseSetting("Inference:ModelsPath", _modelsPath);
        builder.UseSetting("InferenceTokens:Issuer", _issuer);
        builder.UseSetting("InferenceWorker:QueueCapacity", _queueCapacity.ToString(CultureInfo.InvariantCulture));
        if (_audience is not null)
        {
            builder.UseSetting("InferenceTokens:Audience", _audience);
        }
    }
}
