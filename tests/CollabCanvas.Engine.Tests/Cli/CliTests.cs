using System.CommandLine;
using CollabCanvas.Cli;
using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.Cli;

public sealed class CliTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.CreateRootCommand().Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Models_lists_every_folder_with_its_status()
    {
        var (exitCode, output, _) = await RunAsync("models", "--models-dir", Fixtures.ModelsRoot);

        Assert.Equal(0, exitCode);
        var lines = Lines(output);
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, line => line.StartsWith("oracle-inpaint") && line.Contains(" ok ") && line.Contains("Inpainting"));
    }

    [Fact]
    public async Task Generate_prints_progress_and_writes_the_image()
    {
        using var temp = new TempFolder();
        var target = Path.Combine(temp.Path, "out.png");

        var (exitCode, output, error) = await RunAsync("generate", "--model", "oracle", "--prompt", "a target", "--scheduler", "ddim",
            "--steps", "6", "--guidance", "3", "--seed", "5", "--models-dir", Fixtures.ModelsRoot, "--provider", "Cpu", "--out", target);

        Assert.True(exitCode == 0, error);
        Assert.Equal(6, Lines(output).Count(line => line.StartsWith("step ")));
        Assert.Contains("step 6/6", output);
        Assert.InRange(Pixels.MaxDifference(File.ReadAllBytes(target), File.ReadAllBytes(Fixtures.Expected("oracle", "guidance-3.png"))), 0, 2);
    }

    [Theory]
    [InlineData("error: width must be a multiple of 4 for this model (got 30)", "--width", "30")]
    [InlineData("error: steps must be between 1 and 150 (got 500)", "--steps", "500")]
    [InlineData("error: model 'ghost' is not available", "--model", "ghost")]
    [InlineData("error: the init image /no/such/init.png does not exist", "--init", "/no/such/init.png")]
    public async Task Bad_input_gives_one_error_line_and_a_failing_exit_code(string message, string option, string value)
    {
        using var temp = new TempFolder();
        var args = new List<string> { "generate", "--prompt", "x", "--models-dir", Fixtures.ModelsRoot, "--provider", "Cpu",
            "--out", Path.Combine(temp.Path, "out.png"), option, value };
        if (option != "--model")
        {
            args.AddRange(["--model", "oracle"]);
        }

        var (exitCode, output, error) = await RunAsync([.. args]);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith(message, line);
        Assert.Empty(output);
        Assert.False(File.Exists(Path.Combine(temp.Path, "out.png")));
    }

    [Fact]
    public async Task Missing_required_option_is_a_usage_error()
    {
        var (exitCode, _, error) = await RunAsync("generate", "--prompt", "x", "--out", "x.png");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--model", error);
    }
}
