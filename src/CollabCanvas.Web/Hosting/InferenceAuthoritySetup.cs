using CollabCanvas.Inference.Protocol;
using CollabCanvas.Web.Inference;
using CollabCanvas.Web.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace CollabCanvas.Web.Hosting;

/// <summary>
/// The token authority for inference workers: an OpenIddict server in the web app that issues OAuth 2.0
/// client-credentials access tokens at <c>/connect/token</c>. Tokens are JWTs signed and encrypted with the shared
/// keys of <see cref="InferenceTokenOptions"/>, so workers validate them locally. The registered client comes from
/// configuration (<see cref="AuthorityClientRegistration"/>); tokens are not stored (nothing to revoke, no table
/// that grows with every request: a token simply expires).
/// </summary>
internal static class InferenceAuthoritySetup
{
    public static IServiceCollection AddInferenceAuthority(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InferenceClientOptions>().BindConfiguration(InferenceClientOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InferenceTokenOptions>().BindConfiguration(InferenceTokenOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        var tokens = configuration.GetSection(InferenceTokenOptions.SectionName).Get<InferenceTokenOptions>() ?? new InferenceTokenOptions();

        services.AddSingleton<AuthorityDatabase>();
        services.AddDbContext<AuthorityDbContext>((provider, options) =>
        {
            options.UseSqlite(provider.GetRequiredService<AuthorityDatabase>().ConnectionString);
            options.UseOpenIddict();
        });

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthorityDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.RegisterScopes(InferenceHubContract.Scope);
                server.SetIssuer(tokens.Issuer);
                server.SetAccessTokenLifetime(tokens.AccessTokenLifetime);
                server.DisableTokenStorage();

                // Symmetric keys are preferred for access tokens, so these sign and encrypt every token we issue.
                // OpenIddict also insists on one asymmetric signing key (for identity tokens, which this server
                // never issues): an ephemeral one, made in memory at start, satisfies it.
                server.AddSigningKey(new SymmetricSecurityKey(tokens.SigningKeyBytes()));
                server.AddEncryptionKey(new SymmetricSecurityKey(tokens.EncryptionKeyBytes()));
                server.AddEphemeralSigningKey();

                // TLS ends at the reverse proxy in front of the app (the README's layout); the app itself speaks HTTP.
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        services.AddHostedService<AuthorityClientRegistration>();
        return services;
    }
}
