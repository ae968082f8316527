using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Engine.Tests.Pipeline;

public sealed class EngineRegistrationTests
{
    [Fact]
    public async Task Host_binds_the_inference_section_and_gets_a_working_generator()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inference:ModelsPath"] = Fixtures.ModelsRoot,
            ["Inference:ExecutionProvider"] = "Cpu",
            ["Inference:PreviewDecodeEvery"] = "3",
            ["Inference:DefaultScheduler"] = "ddim",
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddDiffusionEngine(configuration)
            .BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<EngineOptions>>().Value;
        Assert.Equal((ExecutionProvider.Cpu, 3, "ddim"), (options.ExecutionProvider, options.PreviewDecodeEvery, options.DefaultScheduler));
        Assert.Equal(6, services.GetRequiredService<ModelCatalog>().Models.Count);

        var events = new List<GenerationEvent>();
        await foreach (var generationEvent in services.GetRequiredService<ImageGenerator>()
                           .GenerateAsync(new GenerationRequest("oracle", "target", Steps: 3, Guidance: 1, Seed: 1)))
        {
            events.Add(generationEvent);
        }

        Assert.IsType<GenerationCompleted>(events[^1]);
        Assert.Equal(PreviewKind.FullDecode, events.OfType<GenerationStep>().Single(step => step.Index == 3).Preview!.Kind);
    }

    [Fact]
    public void Code_configured_options_work_without_a_configuration()
    {
        using var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddDiffusionEngine(options => options.ModelsPath = Fixtures.ModelsRoot)
            .BuildServiceProvider();

        Assert.True(services.GetRequiredService<ModelCatalog>().Get("tiny-txt2img").IsAvailable);
    }
}
