using CollabCanvas.Web.Tests.Browser;
using Microsoft.AspNetCore.Hosting;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>The web app in Remote mode on a known port (its own token authority is at that address), using the given workers.</summary>
public sealed class RemoteAppFactory(int port, IReadOnlyList<Uri> workers) : BrowserAppFactory(port)
{
    // Field initializers run before the base constructor, which starts the server and so reads them.
    private readonly IReadOnlyList<Uri> _workers = workers;
    private readonly string _issuer = IssuerFor(port);

    public static string IssuerFor(int port) => $"http://localhost:{port}/";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Inference:Mode", "Remote");
        builder.UseSetting("InferenceTokens:Issuer", _issuer);

        // Far above the failure bound the tests check: a dead worker must be noticed by its closed connection, not by silence.
        builder.UseSetting("Inference:WorkerTimeout", "00:00:30");
        for (var index = 0; index < _workers.Count; index++)
        {
            builder.UseSetting($"Inference:Workers:{index}", _workers[index].ToString());
        }
    }
}
