namespace CollabCanvas.Engine;

/// <summary>The hardware the ONNX networks run on.</summary>
public enum ExecutionProvider
{
    /// <summary>CUDA when its libraries and a GPU are present, otherwise the CPU (with one log line saying why).</summary>
    Auto,

    /// <summary>CUDA only: a session fails to open when CUDA is not usable.</summary>
    Cuda,

    /// <summary>The CPU provider only.</summary>
    Cpu,
}
