using CollabCanvas.Engine;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Health;

/// <summary>Ready only when the models folder exists and can be listed.</summary>
internal sealed class ModelsFolderHealthCheck(IOptions<EngineOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = options.Value.ModelsPath;
        try
        {
            var count = Directory.EnumerateDirectories(path).Count();
            return Task.FromResult(HealthCheckResult.Healthy($"{count} model folder(s) in {path}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The models folder {path} cannot be read: {ex.Message}"));
        }
    }
}
