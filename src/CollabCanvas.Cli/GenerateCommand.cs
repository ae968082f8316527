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
        var width = new Option<int?>("--width") { Description = "Width in pixels (default: the model's native size)" };
        var height = new Option<int?>("--height") { Description = "Height in pixels (default: the model's native size)" };
        var init = new Option<FileInfo?>("--init") { Description = "Init image for img2img / inpainting" };
        var strength = new Option<double>("--strength") { Description = "How much of the init image to repaint (0..1)", DefaultValueFactory = _ => 0.75 };
        var mask = new Option<FileInfo?>("--mask") { Description = "Inpainting mask (white = repaint)" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the PNG", Required = true };
        var modelsDirectory = SharedOptions.ModelsDirectory();
        var provider = SharedOptions.Provider();

        var command = new Command("generate", "Generate one image")
        {
            model, prompt, negative, steps, scheduler, guidance, seed, width, height, init, strength, mask, output, modelsDirectory, provider,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            byte[]? initBytes;
            byte[]? maskBytes;
            try
            {
                initBytes = ReadOptional(parseResult.GetValue(init));
                maskBytes = ReadOptional(parseResult.GetValue(mask));
            }
            catch (IOException exception)
            {
                Console.Error.WriteLine($"error: {exception.Message}");
                return 2;
            }

            var request = new GenerationRequest(
                parseResult.GetValue(model)!, parseResult.GetValue(prompt)!, parseResult.GetValue(negative) ?? string.Empty,
                parseResult.GetValue(steps), parseResult.GetValue(scheduler), parseResult.GetValue(guidance), parseResult.GetValue(seed),
                parseResult.GetValue(width), parseResult.GetValue(height), initBytes, parseResult.GetValue(strength), maskBytes,
                PreviewOptions.None);
            using var services = EngineHost.Create(parseResult.GetValue(modelsDirectory), parseResult.GetValue(provider));
            return await RunAsync(services.GetRequiredService<ImageGenerator>(), request, parseResult.GetValue(output)!, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ImageGenerator generator, GenerationRequest request, FileInfo output, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var generationEvent in generator.GenerateAsync(request, cancellationToken))
            {
                switch (generationEvent)
                {
                    case GenerationStarted started:
                        Console.WriteLine($"seed {started.Seed}, {started.TotalSteps} steps");
                        foreach (var note in started.Notes)
                        {
                            Console.WriteLine($"note: {note}");
                        }

                        break;
                    case GenerationStep step:
                        Console.WriteLine($"step {step.Index}/{step.TotalSteps}  {step.Elapsed.TotalSeconds:0.00}s");
                        break;
                    case GenerationCompleted completed:
                        await File.WriteAllBytesAsync(output.FullName, completed.Png, CancellationToken.None);
                        var t = completed.Timings;
                        Console.WriteLine($"wrote {output.FullName} ({completed.Width}x{completed.Height}, seed {completed.Seed}) in " +
                                          $"{t.Total.TotalSeconds:0.00}s: load {t.Load.TotalSeconds:0.00}s, text {t.TextEncoding.TotalSeconds:0.00}s, " +
                                          $"denoise {t.Denoising.TotalSeconds:0.00}s, decode {t.Decoding.TotalSeconds:0.00}s");
                        return 0;
                    case GenerationFailed failed:
                        Console.Error.WriteLine($"error: {failed.Reason}");
                        return 2;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        catch (IOException exception)
        {
            Console.Error.WriteLine($"error: cannot write {output.FullName}: {exception.Message}");
            return 2;
        }

        Console.Error.WriteLine("error: the engine ended without a result");
        return 3;
    }

    private static byte[]? ReadOptional(FileInfo? file) => file is null ? null : File.ReadAllBytes(file.FullName);
}
