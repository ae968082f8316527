using System.Net;
using CollabCanvas.Inference.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>
/// A worker serves only callers with a valid token from the authority: no token, a token for another audience, an
/// expired token and a token without the inference scope are refused at connection; a valid one is served.
/// </summary>
[Collection(InferenceCollection.Name)]
public sealed class InferenceTokenTests(InferenceCluster cluster)
{
    [Fact]
    public async Task A_valid_token_from_the_authority_is_served()
    {
        await using var connection = await WorkerHub.ConnectAsync(cluster.WorkerA.BaseAddress, await cluster.TokenAsync());

        var models = await connection.InvokeAsync<List<WorkerModel>>(InferenceHubContract.Models);

        Assert.Contains(models, model => model.Name == "tiny-txt2img" && model.IsAvailable);
    }

    [Fact]
    public async Task No_token_is_refused()
    {
        await AssertRefusedAsync(token: null);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var token = await cluster.TokenAsync();

        await AssertRefusedAsync(token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        await using var authority = await MiniAuthority.StartAsync(cluster.Issuer, "someone-elses-api", TimeSpan.FromMinutes(5));
        var (id, secret) = WorkerHub.ClientOf(cluster.Web.Services);

        await AssertRefusedAsync(await WorkerHub.RequestTokenAsync(authority.Address, id, secret));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        await using var authority = await MiniAuthority.StartAsync(cluster.Issuer, "collabcanvas-inference", TimeSpan.FromSeconds(1));
        var (id, secret) = WorkerHub.ClientOf(cluster.Web.Services);
        var token = await WorkerHub.RequestTokenAsync(authority.Address, id, secret);

        // The same authority's token is served while it is valid (so the refusal below is the expiry's doing).
        await using (var connection = await WorkerHub.ConnectAsync(cluster.WorkerA.BaseAddress, token))
        {
            await connection.InvokeAsync<WorkerLoad>(InferenceHubContract.Load);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await AssertRefusedAsync(token);
    }

    [Fact]
    public async Task The_worker_closes_a_connection_when_its_token_expires()
    {
        await using var authority = await MiniAuthority.StartAsync(cluster.Issuer, "collabcanvas-inference", TimeSpan.FromSeconds(3));
        var (id, secret) = WorkerHub.ClientOf(cluster.Web.Services);
        await using var connection = WorkerHub.Connection(cluster.WorkerA.BaseAddress, await WorkerHub.RequestTokenAsync(authority.Address, id, secret));
        var closed = new TaskCompletionSource();
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await connection.StartAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task The_authority_refuses_a_wrong_client_secret()
    {
        var (id, _) = WorkerHub.ClientOf(cluster.Web.Services);
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(cluster.Authority, "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = "not-the-secret",
            ["scope"] = InferenceHubContract.Scope,
        }));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"answered {response.StatusCode}");
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(string? token)
    {
        await using var connection = WorkerHub.Connection(cluster.WorkerA.BaseAddress, token);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
