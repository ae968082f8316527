using System.CommandLine;
using CollabCanvas.Engine.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Cli;

/// <summary><c>generate</c>: one image from a prompt (optionally from an init image and a mask), progress per step.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model folder name", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "What to draw", Required = true };
        var negative = new Option<string>("--negative") { Description = "What to avoid", DefaultValueFactory = _ => string.Empty };
        var steps = new Option<int>("--steps") { Description = "Inference steps (1..150)", DefaultValueFactory = _ => 25 };
        var scheduler = new Option<string?>("--scheduler") { Description = "ddim, euler, euler-a, dpmpp-2m, dpmpp-2m-karras, ddpm, lcm, pndm, lms" };
        var guidance = new Option<double>("--guidance") { Description = "Guidance scale (0..30)", DefaultValueFactory = _ => 7.5 };
        var seed = new Option<int?>("--seed") { Description = "Noise seed (random when left out)" };
        var width = new Option<int?>("--width") { Description = "Width in pixels (default: the init image's width, else the model's native size)" };
        var height = new Option<int?>("--height") { Description = "Height in pixels (default: the init image's height, else the model's native size)" };
        var init = new Option<FileInfo?>("--init") { Description = "Init image for img2img / inpainting" };
        var strength = new Option<double>("--strength") { Description = "How much of the init image to repaint (0..1)", DefaultValueFactory = _ => 0.75 };
        var mask = new Option<FileInfo?>("--mask") { Description = "Inpainting mask (white = repaint)" };
        var outFile = new Option<FileInfo>("--out") { Description = "Where to write the PNG", Required = true };
        var modelsDirectory = SharedOptions.ModelsDirectory();
        var provider = SharedOptions.Provider();

        var command = new Command("generate", "Generate one image")
        {
            model, prompt, negative, steps, scheduler, guidance, seed, width, height, init, strength, mask, outFile, modelsDirectory, provider,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = new CliConsole(parseResult);
            byte[]? initBytes;
            byte[]? maskBytes;
            try
            {
                initBytes = ReadOptional(parseResult.GetValue(init), "init image");
                maskBytes = ReadOptional(parseResult.GetValue(mask), "mask");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {exception.Message}");
                return 2;
            }

            var request = new GenerationRequest(
                parseResult.GetValue(model)!, parseResult.GetValue(prompt)!, parseResult.GetValue(negative) ?? string.Empty,
                parseResult.GetValue(steps), parseResult.GetValue(scheduler), parseResult.GetValue(guidance), parseResult.GetValue(seed),
                parseResult.GetValue(width), parseResult.GetValue(height), initBytes, parseResult.GetValue(strength), maskBytes,
                PreviewOptions.None);
            using var services = EngineHost.Create(parseResult.GetValue(modelsDirectory), parseResult.GetValue(provider));
            return await RunAsync(services.GetRequiredService<ImageGenerator>(), request, parseResult.GetValue(outFile)!, console, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ImageGenerator generator, GenerationRequest request, FileInfo target, CliConsole console,
        CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var generationEvent in generator.GenerateAsync(request, cancellationToken))
            {
                switch (generationEvent)
                {
                    case GenerationStarted started:
                        console.Output.WriteLine($"seed {started.Seed}, {started.TotalSteps} steps");
                        foreach (var note in started.Notes)
                        {
                            console.Output.WriteLine($"note: {note}");
                        }

                        break;
                    case GenerationStep step:
                        console.Output.WriteLine($"step {step.Index}/{step.TotalSteps}  {step.Elapsed.TotalSeconds:0.00}s");
                        break;
                    case GenerationCompleted completed:
                        await File.WriteAllBytesAsync(target.FullName, completed.Png, CancellationToken.None);
                        var t = completed.Timings;
                        console.Output.WriteLine($"wrote {target.FullName} ({completed.Width}x{completed.Height}, seed {completed.Seed}) in " +
                                          $"{t.Total.TotalSeconds:0.00}s: load {t.Load.TotalSeconds:0.00}s, text {t.TextEncoding.TotalSeconds:0.00}s, " +
                                          $"denoise {t.Denoising.TotalSeconds:0.00}s, decode {t.Decoding.TotalSeconds:0.00}s");
                        return 0;
                    case GenerationFailed failed:
                        console.Error.WriteLine($"error: {failed.Reason}");
                        return 2;
                }
            }
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled");
            return 130;
        }
        catch (IOException exception)
        {
            console.Error.WriteLine($"error: cannot write {target.FullName}: {exception.Message}");
            return 2;
        }

        console.Error.WriteLine("error: the engine ended without a result");
        return 3;
    }

    private static byte[]? ReadOptional(FileInfo? file, string what)
    {
        if (file is null)
        {
            return null;
        }

        if (!file.Exists)
        {
            throw new FileNotFoundException($"the {what} {file.FullName} does not exist", file.FullName);
        }

        return File.ReadAllBytes(file.FullName);
    }
}
