using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Engine;

/// <summary>Registers the diffusion engine with a host.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ImageGenerator"/> (the entry point), <see cref="ModelCatalog"/> and their ONNX plumbing as
    /// singletons, with <see cref="EngineOptions"/> bound from the <c>Inference</c> section of <paramref name="configuration"/>.
    /// Sessions are opened on first use of a model and disposed with the service provider.
    /// </summary>
    public static IServiceCollection AddDiffusionEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.SectionName));
        return services.AddEngineServices();
    }

    /// <summary>The same, with options set in code (the CLI and benchmarks, which have no appsettings.json).</summary>
    public static IServiceCollection AddDiffusionEngine(this IServiceCollection services, Action<EngineOptions> configure)
    {
        services.AddOptions<EngineOptions>().Configure(configure);
        return services.AddEngineServices();
    }

    private static IServiceCollection AddEngineServices(this IServiceCollection services)
    {
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<SessionOptionsFactory>();
        services.AddSingleton<ModelSessionPool>();
        services.AddSingleton<ImageGenerator>();
        return services;
    }
}
