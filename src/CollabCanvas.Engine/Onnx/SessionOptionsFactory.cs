using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace CollabCanvas.Engine.Onnx;

/// <summary>
/// Opens ONNX Runtime sessions on the configured execution provider. With <see cref="ExecutionProvider.Auto"/>
/// it tries CUDA once; when CUDA cannot be used it logs one warning saying why and uses the CPU from then on.
/// </summary>
/// <remarks>
/// <c>OrtEnv.GetAvailableProviders()</c> lists CUDA for the GPU package even on machines without a GPU, so the
/// only honest test is to try: <c>AppendExecutionProvider_CUDA</c> throws at once when the CUDA libraries are
/// missing, and session creation throws when they are present but no device is.
/// </remarks>
public sealed class SessionOptionsFactory
{
    private readonly EngineOptions _options;
    private readonly ILogger<SessionOptionsFactory> _logger;
    private readonly Action<SessionOptions, int> _appendCuda;
    private readonly Lock _gate = new();
    private bool _cudaFailed;

    public SessionOptionsFactory(IOptions<EngineOptions> options, ILogger<SessionOptionsFactory> logger)
        : this(options, logger, static (sessionOptions, deviceId) => sessionOptions.AppendExecutionProvider_CUDA(deviceId))
    {
    }

    /// <summary>For tests: <paramref name="appendCuda"/> stands in for <c>AppendExecutionProvider_CUDA</c>.</summary>
    internal SessionOptionsFactory(IOptions<EngineOptions> options, ILogger<SessionOptionsFactory> logger,
        Action<SessionOptions, int> appendCuda)
    {
        _options = options.Value;
        _logger = logger;
        _appendCuda = appendCuda;
        OrtEnv.Instance().EnvLogLevel = ToOrtLevel(_options.OnnxRuntimeLogLevel);
    }

    /// <summary>
    /// The provider new sessions get: CPU when configured so or after CUDA failed once; otherwise CUDA
    /// (with <see cref="ExecutionProvider.Auto"/>, until the first attempt shows otherwise).
    /// </summary>
    public ExecutionProvider EffectiveProvider
    {
        get
        {
            lock (_gate)
            {
                return _options.ExecutionProvider == ExecutionProvider.Cpu || _cudaFailed ? ExecutionProvider.Cpu : ExecutionProvider.Cuda;
            }
        }
    }

    /// <summary>Opens a session for <paramref name="modelPath"/>; the caller owns (disposes) it.</summary>
    public InferenceSession OpenSession(string modelPath)
    {
        if (EffectiveProvider == ExecutionProvider.Cpu)
        {
            return OpenOnCpu(modelPath);
        }

        var cudaOptions = CreateCpuOptions();
        try
        {
            _appendCuda(cudaOptions, _options.DeviceId);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The CUDA libraries are missing or broken.
            cudaOptions.Dispose();
            ThrowIfCudaRequired(exception);
            FallBackToCpu(exception);
            return OpenOnCpu(modelPath);
        }

        try
        {
            return new OwningInferenceSession(modelPath, cudaOptions);
        }
        catch (OnnxRuntimeException cudaError)
        {
            // The libraries load but no device answers, or the model itself is bad: the CPU tells which.
            cudaOptions.Dispose();
            ThrowIfCudaRequired(cudaError);
            var session = OpenOnCpu(modelPath);
            FallBackToCpu(cudaError);
            return session;
        }
    }

    private void ThrowIfCudaRequired(Exception exception)
    {
        if (_options.ExecutionProvider == ExecutionProvider.Cuda)
        {
            throw new InvalidOperationException(
                $"CUDA execution provider (device {_options.DeviceId}) is not usable: {FirstLine(exception)}", exception);
        }
    }

    private void FallBackToCpu(Exception exception)
    {
        lock (_gate)
        {
            if (_cudaFailed)
            {
                return;
            }

            _cudaFailed = true;
        }

        _logger.LogWarning("CUDA execution provider unavailable ({Reason}); running ONNX models on the CPU", FirstLine(exception));
    }

    private InferenceSession OpenOnCpu(string modelPath)
    {
        var options = CreateCpuOptions();
        try
        {
            return new OwningInferenceSession(modelPath, options);
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private SessionOptions CreateCpuOptions()
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = _options.IntraOpThreads > 0 ? _options.IntraOpThreads : Environment.ProcessorCount,
        };

        // ORT's worker threads otherwise spin on every core after each run, starving the scheduler, previews and
        // the web server that run between UNet calls.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static OrtLoggingLevel ToOrtLevel(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE,
        LogLevel.Information => OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO,
        LogLevel.Warning => OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
        LogLevel.Error => OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        _ => OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
    };

    private static string FirstLine(Exception exception) =>
        exception.Message.Split('\n', 2)[0].Trim();
}
