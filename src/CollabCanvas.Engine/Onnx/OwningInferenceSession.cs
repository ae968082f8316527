using Microsoft.ML.OnnxRuntime;

namespace CollabCanvas.Engine.Onnx;

/// <summary>An inference session that also disposes the session options it was created with.</summary>
internal sealed class OwningInferenceSession : InferenceSession
{
    private readonly SessionOptions _options;

    public OwningInferenceSession(string modelPath, SessionOptions options)
        : base(modelPath, options)
    {
        _options = options;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _options.Dispose();
        }
    }
}
