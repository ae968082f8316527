using System.CommandLine;

namespace CollabCanvas.Cli;

/// <summary>The command tree; <c>Program</c> runs it, tests run it in-process with their own output writers.</summary>
public static class CliApplication
{
    public static RootCommand CreateRootCommand() =>
        new("CollabCanvas diffusion engine: generate images from ONNX Stable Diffusion models.")
        {
            GenerateCommand.Create(),
            ModelsCommand.Create(),
        };
}
