using CollabCanvas.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabCanvas.Cli;

/// <summary>The engine's services for one CLI invocation; engine warnings (e.g. the CUDA fallback) go to stderr.</summary>
internal static class EngineHost
{
    public static ServiceProvider Create(string? modelsDirectory, ExecutionProvider provider) =>
        new ServiceCollection()
            .AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddDiffusionEngine(options =>
            {
                if (modelsDirectory is not null)
                {
                    options.ModelsPath = modelsDirectory;
                }

                options.ExecutionProvider = provider;
            })
            .BuildServiceProvider();
}
