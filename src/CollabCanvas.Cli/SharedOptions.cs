using System.CommandLine;
using CollabCanvas.Engine;

namespace CollabCanvas.Cli;

/// <summary>Options every command takes.</summary>
internal static class SharedOptions
{
    public static Option<string?> ModelsDirectory() => new("--models-dir")
    {
        Description = "Folder of models in the diffusers ONNX layout (default: ./models)",
    };

    public static Option<ExecutionProvider> Provider() => new("--provider")
    {
        Description = "Where to run: Auto (CUDA, else CPU), Cuda or Cpu",
        DefaultValueFactory = _ => ExecutionProvider.Auto,
    };
}
