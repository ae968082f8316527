using CollabCanvas.Web.Hosting;
using CollabCanvas.Web.Inference;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>
/// The web app's token authority alone (the same setup code and keys), with another audience or token lifetime,
/// to make the tokens a worker must refuse: for another audience, or expired.
/// </summary>
internal sealed class MiniAuthority : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MiniAuthority(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<MiniAuthority> StartAsync(string issuer, string audience, TimeSpan lifetime)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = RepositoryPaths.Root,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InferenceTokens:Issuer"] = issuer,
            ["InferenceTokens:Audience"] = audience,
            ["InferenceTokens:AccessTokenLifetime"] = lifetime.ToString("c"),
        });
        builder.Services.AddInferenceAuthority(builder.Configuration);
        var app = builder.Build();
        app.UseAuthentication();
        app.MapInferenceTokenEndpoint();
        await app.StartAsync();
        return new MiniAuthority(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
