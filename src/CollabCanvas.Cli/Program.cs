using System.CommandLine;
using CollabCanvas.Cli;

var root = new RootCommand("CollabCanvas diffusion engine: generate images from ONNX Stable Diffusion models.")
{
    GenerateCommand.Create(),
    ModelsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
