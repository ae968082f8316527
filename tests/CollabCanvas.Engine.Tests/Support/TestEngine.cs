using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Pipeline;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Engine.Tests.Support;

/// <summary>An <see cref="ImageGenerator"/> over a models folder, on the CPU, with helpers to run requests.</summary>
internal sealed class TestEngine : IDisposable
{
    private readonly ModelSessionPool _pool;

    /// <param name="time">The clock that paces previews; the system's when null.</param>
    public TestEngine(string? modelsRoot = null, int previewDecodeEvery = 0, TimeProvider? time = null)
    {
        var options = Options.Create(new EngineOptions
        {
            ModelsPath = modelsRoot ?? Fixtures.ModelsRoot,
            ExecutionProvider = ExecutionProvider.Cpu,
            IntraOpThreads = 1,
            PreviewDecodeEvery = previewDecodeEvery,
        });
        Catalog = new ModelCatalog(options, new ListLogger<ModelCatalog>());
        _pool = new ModelSessionPool(new SessionOptionsFactory(options, new ListLogger<SessionOptionsFactory>()));
        Logger = new ListLogger<ImageGenerator>();
        Generator = new ImageGenerator(Catalog, _pool, options, Logger, time);
    }

    public ModelCatalog Catalog { get; }

    public ModelSessionPool Pool => _pool;

    public ImageGenerator Generator { get; }

    public ListLogger<ImageGenerator> Logger { get; }

    public async Task<List<GenerationEvent>> RunAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var events = new List<GenerationEvent>();
        await foreach (var generationEvent in Generator.GenerateAsync(request, cancellationToken))
        {
            events.Add(generationEvent);
        }

        return events;
    }

    /// <summary>Runs a request that must succeed and returns its result.</summary>
    public async Task<GenerationCompleted> CompleteAsync(GenerationRequest request)
    {
        var events = await RunAsync(request);
        var failure = events.OfType<GenerationFailed>().FirstOrDefault();
        Assert.True(failure is null, failure?.Reason);
        return Assert.IsType<GenerationCompleted>(events[^1]);
    }

    public void Dispose() => _pool.Dispose();
}
