using System.CommandLine;
using CollabCanvas.Engine.Models;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Cli;

/// <summary><c>models</c>: lists the model folders with what they are, or why they cannot be used.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var modelsDirectory = SharedOptions.ModelsDirectory();
        var command = new Command("models", "List the models and their status") { modelsDirectory };
        command.SetAction(parseResult =>
        {
            var console = new CliConsole(parseResult);
            using var services = EngineHost.Create(parseResult.GetValue(modelsDirectory), Engine.ExecutionProvider.Cpu);
            var models = services.GetRequiredService<ModelCatalog>().Models;
            if (models.Count == 0)
            {
                console.Error.WriteLine("no models found");
                return 1;
            }

            foreach (var model in models)
            {
                console.Output.WriteLine(model.Traits is { } traits ? $"{model.Name,-24} ok           {Describe(traits)}" : $"{model.Name,-24} unavailable  {model.Problem}");
            }

            return 0;
        });
        return command;
    }

    private static string Describe(ModelTraits traits) =>
        $"{traits.UNetKind}, {traits.PredictionType}, native {traits.NativeSize?.ToString() ?? "unknown"}, " +
        $"VAE ×{traits.VaeScaleFactor} scale {traits.VaeScalingFactor}, {traits.LatentChannels} latent channels, " +
        $"text width {traits.TextEmbeddingWidth}, timestep {traits.TimestepType}" +
        (traits.HasVaeEncoder ? string.Empty : ", no VAE encoder (txt2img only)");
}
