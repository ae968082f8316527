using CollabCanvas.Inference.Protocol;
using CollabCanvas.Web.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CollabCanvas.Web.Inference;

/// <summary>
/// At start, creates the authority's tables and registers the one client configuration names
/// (<see cref="InferenceClientOptions.ClientId"/> and secret): a confidential client that may use the token
/// endpoint with the client-credentials grant for the <c>inference</c> scope, and nothing else.
/// </summary>
internal sealed class AuthorityClientRegistration(
    IServiceProvider services,
    IOptions<InferenceClientOptions> options,
    ILogger<AuthorityClientRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuthorityDbContext>().Database.EnsureCreatedAsync(cancellationToken);

        var client = options.Value;
        if (string.IsNullOrEmpty(client.ClientSecret))
        {
            logger.LogInformation("Inference:ClientSecret is empty: the token authority registers no client");
            return;
        }

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "CollabCanvas web app (inference client)",
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + InferenceHubContract.Scope,
            },
        };

        if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
