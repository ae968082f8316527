using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.Pipeline;

/// <summary>Every bad request ends as one <see cref="GenerationFailed"/> event with a clear reason, and nothing starts.</summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly byte[] NotAnImage = "definitely not a png"u8.ToArray();
    private readonly TestEngine _engine = new();

    private static GenerationRequest Valid => new("oracle", "target", Steps: 4, Scheduler: "ddim", Seed: 1);

    public static TheoryData<string, GenerationRequest, string> Cases => new()
    {
        { "width", Valid with { Width = 30 }, "width must be a multiple of 4" },
        { "height", Valid with { Height = 34 }, "height must be a multiple of 4" },
        { "tiny width", Valid with { Width = 0 }, "width must be between 4 and 4096" },
        { "steps 0", Valid with { Steps = 0 }, "steps must be between 1 and 150 (got 0)" },
        { "steps 151", Valid with { Steps = 151 }, "steps must be between 1 and 150 (got 151)" },
        { "guidance low", Valid with { Guidance = -0.5 }, "guidance must be between 0 and 30" },
        { "guidance high", Valid with { Guidance = 31 }, "guidance must be between 0 and 30" },
        { "guidance nan", Valid with { Guidance = double.NaN }, "guidance must be between 0 and 30" },
        { "strength high", Valid with { Strength = 1.5 }, "strength must be between 0 and 1" },
        { "strength low", Valid with { Strength = -0.1 }, "strength must be between 0 and 1" },
        { "init not image", Valid with { InitImage = NotAnImage }, "the init image is not a readable image" },
        { "mask not image", Valid with { InitImage = Pixels.SolidPng(32, 32, 1), Mask = NotAnImage }, "the mask is not a readable image" },
        { "mask alone", Valid with { Mask = Pixels.SolidPng(32, 32, 255) }, "a mask needs an init image" },
        { "unknown model", Valid with { Model = "no-such-model" }, "model 'no-such-model' is not available: no such model" },
        { "unknown scheduler", Valid with { Scheduler = "warp-drive" }, "Unknown scheduler 'warp-drive'" },
        { "inpaint model without mask", Valid with { Model = "oracle-inpaint" }, "inpainting model: give an init image and a mask" },
        { "strength leaves no step", Valid with { InitImage = Pixels.SolidPng(32, 32, 1), Strength = 0.1 }, "leaves no step to run" },
        { "preview every", Valid with { Preview = new PreviewOptions(Every: 0) }, "preview every must be at least 1" },
        { "preview interval negative", Valid with { Preview = new PreviewOptions(MinInterval: TimeSpan.FromMilliseconds(-1)) }, "preview minimum interval must be between 0 and 10 s" },
        { "preview interval long", Valid with { Preview = new PreviewOptions(MinInterval: TimeSpan.FromSeconds(11)) }, "preview minimum interval must be between 0 and 10 s" },
        { "prompt too long", Valid with { Prompt = string.Join(' ', Enumerable.Repeat("red", 601)) }, "the prompt is too long: 601 tokens, at most 600" },
        { "negative too long", Valid with { NegativePrompt = string.Join(' ', Enumerable.Repeat("cat", 700)) }, "the negative prompt is too long: 700 tokens" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_request_fails_before_starting(string name, GenerationRequest request, string reason)
    {
        var events = await _engine.RunAsync(request);

        var failed = Assert.IsType<GenerationFailed>(Assert.Single(events));
        Assert.True(failed.Reason.Contains(reason, StringComparison.Ordinal), $"{name}: '{failed.Reason}' lacks '{reason}'");
        Assert.Equal(failed.Reason, _engine.Generator.Validate(request));
    }

    [Fact]
    public void A_valid_request_passes_validation()
    {
        Assert.Null(_engine.Generator.Validate(Valid));
    }

    [Fact]
    public async Task Model_folder_with_a_missing_part_fails_with_the_reason()
    {
        using var temp = new TempFolder();
        var folder = temp.CopyModel("oracle", "broken");
        File.Delete(Path.Combine(folder, "vae_decoder", "model.onnx"));
        using var engine = new TestEngine(temp.Path);

        var events = await engine.RunAsync(Valid with { Model = "broken" });

        var failed = Assert.IsType<GenerationFailed>(Assert.Single(events));
        Assert.Equal("model 'broken' is not available: vae_decoder/model.onnx is missing", failed.Reason);
    }

    [Fact]
    public async Task Model_with_an_unreadable_tokenizer_fails_before_starting()
    {
        using var temp = new TempFolder();
        var folder = temp.CopyModel("oracle", "bad-vocab");
        File.WriteAllText(Path.Combine(folder, "tokenizer", "vocab.json"), "[1, 2");
        using var engine = new TestEngine(temp.Path);

        var events = await engine.RunAsync(Valid with { Model = "bad-vocab" });

        var failed = Assert.IsType<GenerationFailed>(Assert.Single(events));
        Assert.StartsWith("the model's tokenizer cannot be used:", failed.Reason);
        Assert.Contains("vocab.json", failed.Reason);
    }

    [Fact]
    public async Task Model_whose_graph_onnx_runtime_rejects_fails_cleanly_and_the_next_request_still_runs()
    {
        using var temp = new TempFolder();
        var folder = temp.CopyModel("tiny-txt2img", "bad-op");
        temp.CopyModel("oracle", "good");
        var unet = Path.Combine(folder, "unet", "model.onnx");
        var bytes = File.ReadAllBytes(unet);
        var at = bytes.AsSpan().IndexOf("Conv"u8);
        Assert.True(at > 0);
        "Cxnv"u8.CopyTo(bytes.AsSpan(at)); // an operator no runtime knows: the protobuf stays well-formed
        File.WriteAllBytes(unet, bytes);
        using var engine = new TestEngine(temp.Path);
        Assert.True(engine.Catalog.Get("bad-op").IsAvailable);

        var events = await engine.RunAsync(new GenerationRequest("bad-op", "a cat", Steps: 2, Seed: 1));

        var failed = Assert.IsType<GenerationFailed>(Assert.Single(events));
        Assert.StartsWith("model 'bad-op' could not be run:", failed.Reason);
        Assert.Single(engine.Logger.Entries);
        await engine.CompleteAsync(Valid with { Model = "good" });
    }

    public void Dispose() => _engine.Dispose();
}
