using System.Net.Http.Json;
using System.Text.Json.Serialization;
using CollabCanvas.Inference.Protocol;
using CollabCanvas.Web.Options;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Inference;

/// <summary>
/// Gets this app's access token for the workers with the OAuth 2.0 client-credentials grant and keeps it until
/// half its lifetime has passed, so every connection opened with it has at least that long before it expires
/// (a worker closes a connection when its token expires).
/// </summary>
internal sealed class WorkerTokenClient(
    HttpClient http,
    IOptions<InferenceClientOptions> client,
    IOptions<InferenceTokenOptions> tokens,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private string? _token;
    private DateTimeOffset _refreshAt;

    public Uri TokenEndpoint => client.Value.TokenEndpoint ?? new Uri(tokens.Value.Issuer, "connect/token");

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _token) is { } cached && time.GetUtcNow() < _refreshAt)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } fresh && time.GetUtcNow() < _refreshAt)
            {
                return fresh;
            }

            var requested = time.GetUtcNow();
            using var response = await http.PostAsync(TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client.Value.ClientId,
                ["client_secret"] = client.Value.ClientSecret,
                ["scope"] = InferenceHubContract.Scope,
            }), cancellationToken);
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            if (!response.IsSuccessStatusCode || body?.AccessToken is not { Length: > 0 } token)
            {
                throw new InvalidOperationException(
                    $"The token authority at {TokenEndpoint} refused client '{client.Value.ClientId}': {(int)response.StatusCode} {body?.Error} {body?.ErrorDescription}".TrimEnd());
            }

            _refreshAt = requested + TimeSpan.FromSeconds(Math.Max(1, body.ExpiresIn ?? 60) / 2.0);
            Volatile.Write(ref _token, token);
            return token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] double? ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
