using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Tests.Support;
using SixLabors.ImageSharp;

namespace CollabCanvas.Engine.Tests.Previews;

public sealed class StepPreviewTests : IDisposable
{
    private readonly TestEngine _engine = new();

    private static GenerationRequest Oracle(int steps, PreviewOptions preview) =>
        new("oracle", "target", Steps: steps, Scheduler: "ddim", Guidance: 1, Seed: 11, Preview: preview);

    private async Task<List<GenerationStep>> StepsOf(GenerationRequest request, TestEngine? engine = null) =>
        (await (engine ?? _engine).RunAsync(request)).OfType<GenerationStep>().ToList();

    [Fact]
    public async Task Latent_preview_is_at_latent_resolution_and_can_be_upscaled()
    {
        var plain = await StepsOf(Oracle(3, new PreviewOptions()));
        var upscaled = await StepsOf(Oracle(3, new PreviewOptions(Upscale: 4)));

        Assert.All(plain, step => Assert.Equal((8, 8, PreviewKind.LatentProjection), (step.Preview!.Width, step.Preview.Height, step.Preview.Kind)));
        Assert.All(upscaled, step => Assert.Equal((32, 32), (step.Preview!.Width, step.Preview.Height)));
        var image = Image.Identify(plain[0].Preview!.Image);
        Assert.Equal((8, 8), (image.Width, image.Height));
    }

    [Fact]
    public async Task Final_latent_preview_of_the_oracle_matches_the_decoded_image()
    {
        // The oracle ships identity factors and a nearest-upsampling VAE, so the projection must equal the decode.
        var events = await _engine.RunAsync(Oracle(5, new PreviewOptions(Upscale: 4)));

        var last = events.OfType<GenerationStep>().Last().Preview!;
        var completed = Assert.IsType<GenerationCompleted>(events[^1]);
        Assert.InRange(Pixels.MaxDifference(last.Image, completed.Png), 0, 2);
    }

    [Fact]
    public async Task Every_n_steps_plus_the_last_one()
    {
        var steps = await StepsOf(Oracle(7, new PreviewOptions(Every: 3)));

        Assert.Equal(7, steps.Count);
        Assert.Equal([3, 6, 7], steps.Where(step => step.Preview is not null).Select(step => step.Index));
    }

    [Fact]
    public async Task Full_decode_every_k_steps_from_the_request()
    {
        var steps = await StepsOf(Oracle(5, new PreviewOptions(FullDecodeEvery: 2)));

        Assert.Equal(
            [PreviewKind.LatentProjection, PreviewKind.FullDecode, PreviewKind.LatentProjection, PreviewKind.FullDecode, PreviewKind.LatentProjection],
            steps.Select(step => step.Preview!.Kind));
        Assert.Equal((32, 32), (steps[1].Preview!.Width, steps[1].Preview!.Height));
    }

    [Fact]
    public async Task Full_decode_interval_defaults_to_the_engine_option_and_zero_means_never()
    {
        using var engine = new TestEngine(previewDecodeEvery: 2);

        var fromOptions = await StepsOf(Oracle(4, new PreviewOptions()), engine);
        var never = await StepsOf(Oracle(4, new PreviewOptions(FullDecodeEvery: 0)), engine);

        Assert.Equal(2, fromOptions.Count(step => step.Preview!.Kind == PreviewKind.FullDecode));
        Assert.All(never, step => Assert.Equal(PreviewKind.LatentProjection, step.Preview!.Kind));
    }

    [Fact]
    public async Task A_preview_rate_cap_skips_steps_within_it_and_keeps_the_first_and_the_last()
    {
        // A clock that never moves: every step falls within the cap of the first one.
        using var engine = new TestEngine(time: new ManualClock());

        var capped = await StepsOf(Oracle(6, new PreviewOptions(MinInterval: TimeSpan.FromMilliseconds(50))), engine);
        var uncapped = await StepsOf(Oracle(6, new PreviewOptions()), engine);

        Assert.Equal([1, 2, 3, 4, 5, 6], capped.Select(step => step.Index));
        Assert.Equal([1, 6], capped.Where(step => step.Preview is not null).Select(step => step.Index));
        Assert.All(uncapped, step => Assert.NotNull(step.Preview));
    }

    [Theory]
    [InlineData(PreviewFormat.Png, "image/png")]
    [InlineData(PreviewFormat.Jpeg, "image/jpeg")]
    [InlineData(PreviewFormat.WebP, "image/webp")]
    public async Task Previews_come_in_the_requested_format(PreviewFormat format, string contentType)
    {
        var steps = await StepsOf(Oracle(2, new PreviewOptions(Format: format, Upscale: 2)));

        var preview = steps[0].Preview!;
        Assert.Equal(contentType, preview.ContentType);
        var format2 = Image.DetectFormat(preview.Image);
        Assert.Contains(contentType, format2.MimeTypes);
    }

    [Fact]
    public async Task Disabled_previews_still_report_every_step()
    {
        var steps = await StepsOf(Oracle(3, PreviewOptions.None));

        Assert.Equal([1, 2, 3], steps.Select(step => step.Index));
        Assert.All(steps, step => Assert.Null(step.Preview));
    }

    [Fact]
    public async Task A_model_without_its_own_factors_uses_the_sd15_ones()
    {
        var steps = await StepsOf(new GenerationRequest("tiny-txt2img", "a cat", Steps: 2, Seed: 1, Width: 128, Height: 64));

        Assert.All(steps, step => Assert.Equal((16, 8), (step.Preview!.Width, step.Preview.Height)));
    }

    public void Dispose() => _engine.Dispose();
}
