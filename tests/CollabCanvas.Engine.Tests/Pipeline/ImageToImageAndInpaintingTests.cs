using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.Pipeline;

public sealed class ImageToImageAndInpaintingTests : IDisposable
{
    private const int Tolerance = 2;
    private readonly TestEngine _engine = new();

    private static byte[] Expected(string model, string file) => File.ReadAllBytes(Fixtures.Expected(model, file));

    [Fact]
    public async Task Img2img_runs_strength_times_steps_and_still_reaches_the_target()
    {
        var events = await _engine.RunAsync(new GenerationRequest("oracle", "target", Steps: 10, Scheduler: "ddim", Guidance: 1,
            Seed: 4, InitImage: Expected("oracle", "init.png"), Strength: 0.6));

        Assert.Equal(6, Assert.IsType<GenerationStarted>(events[0]).TotalSteps);
        Assert.Equal(6, events.OfType<GenerationStep>().Count());
        var result = Assert.IsType<GenerationCompleted>(events[^1]);
        Assert.InRange(Pixels.MaxDifference(result.Png, Expected("oracle", "guidance-1.png")), 0, Tolerance);
    }

    [Fact]
    public async Task Img2img_on_a_random_model_stays_closer_to_the_init_image_at_low_strength()
    {
        var init = Pixels.SolidPng(64, 64, 200);

        var gentle = await _engine.CompleteAsync(new GenerationRequest("tiny-txt2img", "a cat", Steps: 10, Guidance: 1, Seed: 2,
            InitImage: init, Strength: 0.2, Scheduler: "ddim"));
        var strong = await _engine.CompleteAsync(new GenerationRequest("tiny-txt2img", "a cat", Steps: 10, Guidance: 1, Seed: 2,
            InitImage: init, Strength: 1.0, Scheduler: "ddim"));

        Assert.NotEqual(gentle.Png, strong.Png);
    }

    [Theory]
    [InlineData("ddim", 1.0)]
    [InlineData("ddim", 3.0)]
    [InlineData("euler", 3.0)]
    public async Task Mask_blending_keeps_the_known_region_and_repaints_the_masked_one(string scheduler, double guidance)
    {
        var result = await _engine.CompleteAsync(new GenerationRequest("oracle", "target", Steps: 10, Scheduler: scheduler,
            Guidance: guidance, Seed: 8, InitImage: Expected("oracle", "init.png"), Mask: Expected("oracle", "mask.png"), Strength: 1.0));

        var expected = Expected("oracle", $"inpaint-guidance-{guidance:0}.png");
        Assert.InRange(Pixels.MaxDifference(result.Png, expected), 0, Tolerance);
        // The right half (black in the mask) is the init image itself.
        Assert.InRange(Pixels.MaxDifference(result.Png, Expected("oracle", "init.png"), fromColumn: 16), 0, Tolerance);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public async Task Inpainting_unet_gets_the_mask_and_masked_image_latents(double guidance)
    {
        var result = await _engine.CompleteAsync(new GenerationRequest("oracle-inpaint", "target", Steps: 10, Scheduler: "ddim",
            Guidance: guidance, Seed: 8, InitImage: Expected("oracle-inpaint", "init.png"), Mask: Expected("oracle-inpaint", "mask.png"),
            Strength: 1.0));

        Assert.InRange(Pixels.MaxDifference(result.Png, Expected("oracle-inpaint", $"inpaint-guidance-{guidance:0}.png")), 0, Tolerance);
    }

    [Fact]
    public async Task Init_image_and_mask_of_another_size_are_resized_with_a_note()
    {
        var events = await _engine.RunAsync(new GenerationRequest("oracle", "target", Steps: 4, Scheduler: "ddim", Guidance: 1, Seed: 1,
            Width: 32, Height: 32, InitImage: Pixels.SolidPng(50, 40, 90), Mask: Pixels.SolidPng(10, 10, 255), Strength: 1.0));

        var result = Assert.IsType<GenerationCompleted>(events[^1]);
        Assert.Equal((32, 32), (result.Width, result.Height));
        Assert.Contains("init image resized from 50x40 to 32x32", result.Notes);
        Assert.Contains("mask resized from 10x10 to 32x32", result.Notes);
        Assert.Equal(result.Notes, Assert.IsType<GenerationStarted>(events[0]).Notes);
    }

    [Theory]
    [InlineData(80, 72, 80, 72, false)]
    [InlineData(85, 75, 80, 72, true)]
    public async Task Without_a_size_img2img_keeps_the_init_image_size_rounded_to_the_vae_factor(
        int initWidth, int initHeight, int width, int height, bool resized)
    {
        var result = await _engine.CompleteAsync(new GenerationRequest("tiny-txt2img", "a cat", Steps: 2, Seed: 1,
            InitImage: Pixels.SolidPng(initWidth, initHeight, 120), Strength: 0.5));

        Assert.Equal((width, height), (result.Width, result.Height));
        Assert.Equal(resized, result.Notes.Contains($"init image resized from {initWidth}x{initHeight} to {width}x{height}"));
    }

    public void Dispose() => _engine.Dispose();
}
