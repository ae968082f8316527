using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace CollabCanvas.Engine.Tests.Onnx;

public sealed class SessionOptionsFactoryTests
{
    private static readonly string UNetPath = Path.Combine(Fixtures.Model("tiny-txt2img"), "unet", "model.onnx");

    private static void CudaMissing(SessionOptions options, int deviceId) =>
        throw new EntryPointNotFoundException("libcublasLt.so.12: cannot open shared object file\nmore detail");

    [Fact]
    public void Auto_falls_back_to_cpu_with_one_log_line_when_cuda_fails()
    {
        var logger = new ListLogger<SessionOptionsFactory>();
        var attempts = 0;
        var factory = new SessionOptionsFactory(Options.Create(new EngineOptions { ExecutionProvider = ExecutionProvider.Auto }),
            logger, (options, device) => { attempts++; CudaMissing(options, device); });

        using var first = factory.OpenSession(UNetPath);
        using var second = factory.OpenSession(UNetPath);

        Assert.Equal(ExecutionProvider.Cpu, factory.EffectiveProvider);
        Assert.Equal(1, attempts); // CUDA is not retried for every session
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("CUDA execution provider unavailable", entry.Message);
        Assert.Contains("libcublasLt.so.12", entry.Message);
        Assert.DoesNotContain("more detail", entry.Message);
        Assert.Contains("sample", first.InputMetadata.Keys);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(0, -1)] // 0: one per core
    public void Sessions_run_on_the_configured_number_of_onnx_threads(int configured, int expected)
    {
        // Several workers on one machine each get a fixed share of its cores (Inference:IntraOpThreads).
        var threads = 0;
        var factory = new SessionOptionsFactory(Options.Create(new EngineOptions { ExecutionProvider = ExecutionProvider.Auto, IntraOpThreads = configured }),
            new ListLogger<SessionOptionsFactory>(), (options, device) => { threads = options.IntraOpNumThreads; CudaMissing(options, device); });

        using var session = factory.OpenSession(UNetPath);

        Assert.Equal(expected == -1 ? Environment.ProcessorCount : expected, threads);
    }

    [Fact]
    public void Explicit_cuda_fails_with_a_clear_error_instead_of_falling_back()
    {
        var factory = new SessionOptionsFactory(Options.Create(new EngineOptions { ExecutionProvider = ExecutionProvider.Cuda, DeviceId = 3 }),
            new ListLogger<SessionOptionsFactory>(), CudaMissing);

        var error = Assert.Throws<InvalidOperationException>(() => factory.OpenSession(UNetPath));

        Assert.Contains("CUDA execution provider (device 3) is not usable", error.Message);
    }

    [Fact]
    public void Cpu_never_touches_cuda()
    {
        var logger = new ListLogger<SessionOptionsFactory>();
        var factory = new SessionOptionsFactory(Options.Create(new EngineOptions { ExecutionProvider = ExecutionProvider.Cpu }),
            logger, (_, _) => throw new InvalidOperationException("must not be called"));

        using var session = factory.OpenSession(UNetPath);

        Assert.Empty(logger.Entries);
        Assert.Equal(ExecutionProvider.Cpu, factory.EffectiveProvider);
    }

    [Fact]
    public void A_corrupt_model_is_reported_as_such_and_does_not_disable_cuda()
    {
        using var temp = new TempFolder();
        var corrupt = Path.Combine(temp.Path, "model.onnx");
        File.WriteAllText(corrupt, "not a model");
        var logger = new ListLogger<SessionOptionsFactory>();
        var factory = new SessionOptionsFactory(Options.Create(new EngineOptions()), logger, (_, _) => { });

        Assert.ThrowsAny<OnnxRuntimeException>(() => factory.OpenSession(corrupt));

        Assert.Empty(logger.Entries);
        Assert.Equal(ExecutionProvider.Cuda, factory.EffectiveProvider);
    }

    [Fact]
    public void Auto_with_the_real_cuda_provider_opens_a_session_on_this_machine()
    {
        var logger = new ListLogger<SessionOptionsFactory>();
        var factory = new SessionOptionsFactory(Options.Create(new EngineOptions()), logger);

        using var session = factory.OpenSession(UNetPath);

        // Without a GPU (CI, dev boxes) this is the fallback path: exactly one warning. With one, no warning.
        var expectedWarnings = factory.EffectiveProvider == ExecutionProvider.Cpu ? 1 : 0;
        Assert.Equal(expectedWarnings, logger.Entries.Count);
    }
}
