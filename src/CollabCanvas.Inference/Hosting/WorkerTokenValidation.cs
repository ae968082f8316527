using CollabCanvas.Inference.Protocol;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace CollabCanvas.Inference.Hosting;

/// <summary>
/// Local validation of the authority's access tokens with OpenIddict: the worker knows the issuer, its audience
/// and the two shared keys (<see cref="InferenceTokenOptions"/>), so it checks signature, encryption, expiry,
/// issuer and audience itself, without calling the authority (no introspection round trip per connection, and
/// workers keep serving while the web app restarts). The hub also requires the <c>inference</c> scope.
/// </summary>
internal static class WorkerTokenValidation
{
    public const string PolicyName = "inference-client";

    public static IServiceCollection AddWorkerTokenValidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InferenceTokenOptions>().BindConfiguration(InferenceTokenOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        var tokens = configuration.GetSection(InferenceTokenOptions.SectionName).Get<InferenceTokenOptions>() ?? new InferenceTokenOptions();

        services.AddOpenIddict()
            .AddValidation(validation =>
            {
                validation.SetIssuer(tokens.Issuer);
                validation.AddAudiences(tokens.Audience);
                validation.AddEncryptionKey(new SymmetricSecurityKey(tokens.EncryptionKeyBytes()));

                // A static configuration instead of discovery: the signing key comes from configuration too.
                validation.Configure(options => options.Configuration = new OpenIddictConfiguration
                {
                    Issuer = tokens.Issuer,
                    SigningKeys = { new SymmetricSecurityKey(tokens.SigningKeyBytes()) },
                });
                validation.UseAspNetCore();
            });

        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(InferenceHubContract.Scope)));
        return services;
    }
}
