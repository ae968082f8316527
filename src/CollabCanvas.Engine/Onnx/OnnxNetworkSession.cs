using CollabCanvas.Engine.Schedulers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CollabCanvas.Engine.Onnx;

/// <summary>
/// One ONNX network loaded once and reused for every run. Subclasses name the inputs; this base owns the
/// session and turns a cancellation into ONNX Runtime's terminate flag, so a long UNet call stops early.
/// </summary>
public abstract class OnnxNetworkSession : IDisposable
{
    private readonly InferenceSession _session;

    protected OnnxNetworkSession(string modelPath, SessionOptionsFactory sessionFactory)
    {
        _session = sessionFactory.OpenSession(modelPath);
    }

    /// <summary>Element type the graph wants for input <paramref name="name"/>.</summary>
    protected TensorElementType InputType(string name) => _session.InputMetadata[name].ElementDataType;

    /// <summary>Declared dimensions of input <paramref name="name"/> (-1 where symbolic).</summary>
    protected int[] InputDimensions(string name) => _session.InputMetadata[name].Dimensions;

    protected bool HasInput(string name) => _session.InputMetadata.ContainsKey(name);

    /// <summary>Runs the graph and returns its first output as floats. Disposes the inputs.</summary>
    protected LatentTensor RunFirstOutput(IReadOnlyList<(string Name, OrtValue Value)> inputs, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var runOptions = new RunOptions();
            using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
            var outputName = _session.OutputNames[0];
            try
            {
                using var outputs = _session.Run(runOptions, inputs.Select(i => i.Name).ToArray(),
                    inputs.Select(i => i.Value).ToArray(), [outputName]);
                return OrtTensors.ToLatent(outputs[0]);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
        finally
        {
            foreach (var (_, value) in inputs)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        GC.SuppressFinalize(this);
    }
}
