using System.Net.Http.Json;
using System.Text.Json;
using CollabCanvas.Inference.Protocol;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>A test's own client of a worker's hub, and the client-credentials request the web app makes.</summary>
internal static class WorkerHub
{
    public static HubConnection Connection(Uri worker, string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(worker, InferenceHubContract.Path), http => http.AccessTokenProvider = () => Task.FromResult(token))
        .AddMessagePackProtocol(messagePack =>
            messagePack.SerializerOptions = WorkerMessagePack.WithWorkerEvents(messagePack.SerializerOptions))
        .Build();

    public static async Task<HubConnection> ConnectAsync(Uri worker, string? token)
    {
        var connection = Connection(worker, token);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Reads a job's stream to its end, calling <paramref name="onEvent"/> as events arrive.</summary>
    public static async Task<List<WorkerEvent>> CollectAsync(HubConnection connection, WorkerJob job, Action<WorkerEvent>? onEvent = null,
        CancellationToken cancellationToken = default)
    {
        var events = new List<WorkerEvent>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        await foreach (var workerEvent in connection.StreamAsync<WorkerEvent>(InferenceHubContract.Generate, job, timeout.Token))
        {
            lock (events)
            {
                events.Add(workerEvent);
            }

            onEvent?.Invoke(workerEvent);
        }

        return events;
    }

    /// <summary>POSTs the client-credentials grant, as the web app's inference client does; returns the access token.</summary>
    public static async Task<string> RequestTokenAsync(Uri authority, string clientId, string clientSecret, string scope = InferenceHubContract.Scope)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(authority, "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["scope"] = scope,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"token request answered {(int)response.StatusCode}: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>The web app's client credentials, as its configuration has them.</summary>
    public static (string Id, string Secret) ClientOf(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        return (configuration["Inference:ClientId"]!, configuration["Inference:ClientSecret"]!);
    }
}
