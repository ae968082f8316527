using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Options;

/// <summary>Stops the start when a trusted proxy or network cannot be read, naming the setting.</summary>
internal sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
