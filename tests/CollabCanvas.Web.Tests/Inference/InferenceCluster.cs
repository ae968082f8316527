using CollabCanvas.Web.Inference;
using CollabCanvas.Web.Tests.Hub;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>
/// The web app in Remote mode (it is also the token authority) and worker A on real loopback ports, shared by the
/// inference tests. The web app also lists worker B's address; B runs only inside the test that kills it.
/// </summary>
public sealed class InferenceCluster : IAsyncLifetime
{
    public InferenceCluster()
    {
        var webPort = FreePorts.Next();
        Issuer = RemoteAppFactory.IssuerFor(webPort);
        WorkerA = new WorkerFactory(FreePorts.Next(), Issuer, queueCapacity: 1);
        WorkerBPort = FreePorts.Next();
        Web = new RemoteAppFactory(webPort, [WorkerA.BaseAddress, new Uri($"http://localhost:{WorkerBPort}")]);
    }

    public string Issuer { get; }

    public RemoteAppFactory Web { get; }

    public WorkerFactory WorkerA { get; }

    public int WorkerBPort { get; }

    public Uri Authority => new(Web.BaseAddress);

    public Task<string> TokenAsync()
    {
        var (id, secret) = WorkerHub.ClientOf(Web.Services);
        return WorkerHub.RequestTokenAsync(Authority, id, secret);
    }

    /// <summary>Waits until the web app's link to the worker at <paramref name="worker"/> is up (or, with false, down).</summary>
    public Task WaitForLinkAsync(Uri worker, bool up = true) => RoomHubClient.WaitUntilAsync(
        () => Web.Services.GetRequiredService<WorkerPool>().Links.Single(link => link.Url == worker).State is not null == up,
        $"the web app's link to {worker} is {(up ? "up" : "down")}", timeoutSeconds: 60);

    public Task InitializeAsync() => WaitForLinkAsync(WorkerA.BaseAddress);

    public Task DisposeAsync()
    {
        Web.Dispose();
        WorkerA.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class InferenceCollection : ICollectionFixture<InferenceCluster>
{
    public const string Name = "inference workers";
}
