using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>
/// The default model shipped in models/emoji-ldm (trained by tools/train-embedded-model), run end to end through the
/// engine: loading via the catalog, determinism, prompt sensitivity, img2img and inpainting. These judge real model
/// output, so they compare whole-image measures instead of exact pixels.
/// </summary>
public sealed class EmbeddedModelTests : IDisposable
{
    private const double MaxGentleDistance = 0.09;
    private const double MaxKeptDistance = 0.07;
    private readonly TestEngine _engine = new(EmbeddedModelFolder.ModelsRoot);

    private static GenerationRequest Request(string prompt, int seed) =>
        new(EmbeddedModelFolder.Name, prompt, Steps: 20, Scheduler: "ddim", Guidance: 5, Seed: seed, Preview: PreviewOptions.None);

    [Fact]
    public void Catalog_finds_the_model_with_its_64_pixel_latent_layout()
    {
        var traits = _engine.Catalog.Get(EmbeddedModelFolder.Name).RequireTraits();

        Assert.Equal(new ImageSize(64, 64), traits.NativeSize);
        Assert.Equal(16, traits.LatentChannels);
        Assert.Equal(8, traits.VaeScaleFactor);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_image()
    {
        var first = await _engine.CompleteAsync(Request("red apple", 5));
        var second = await _engine.CompleteAsync(Request("red apple", 5));

        Assert.Equal((64, 64), (first.Width, first.Height));
        Assert.Equal(0, Pixels.MaxDifference(first.Png, second.Png));
    }

    [Fact]
    public async Task Different_prompt_gives_a_different_image()
    {
        var heart = await _engine.CompleteAsync(Request("red heart", 5));
        var car = await _engine.CompleteAsync(Request("blue car", 5));

        // Same seed, same noise: only the text differs, so a visible difference is the conditioning at work.
        var distance = ImageStats.MeanDifference(heart.Png, car.Png);
        Assert.True(distance >= 0.05, $"'red heart' and 'blue car' differ by {distance:0.000} only");
    }

    [Fact]
    public async Task Seeds_give_different_images_of_one_prompt()
    {
        var a = await _engine.CompleteAsync(Request("cat face", 1));
        var b = await _engine.CompleteAsync(Request("cat face", 2));

        var distance = ImageStats.MeanDifference(a.Png, b.Png);
        Assert.True(distance >= 0.01, $"seeds 1 and 2 differ by {distance:0.000} only");
    }

    [Theory]
    [InlineData("red heart", 0, 30)]
    [InlineData("green heart", 120, 45)]
    [InlineData("blue heart", 220, 40)]
    public async Task Colour_words_land_in_the_image(string prompt, double expectedHue, double tolerance)
    {
        // Several seeds together: one sample may miss, the model's habit for the prompt should not.
        var images = new List<byte[]>();
        for (var seed = 0; seed < 4; seed++)
        {
            images.Add((await _engine.CompleteAsync(Request(prompt, seed))).Png);
        }

        var (hue, colouredShare) = HueStats.DominantHue(images);
        Assert.True(colouredShare >= 0.05, $"'{prompt}': only {colouredShare:P0} of the pixels are coloured at all");
        Assert.True(HueStats.Distance(hue, expectedHue) <= tolerance,
            $"'{prompt}': the coloured pixels' mean hue is {hue:0}°, expected {expectedHue:0}° ± {tolerance:0}°");
    }

    [Fact]
    public async Task Img2img_at_strength_0_3_stays_close_to_its_init_image_and_at_1_0_does_not()
    {
        var init = TestImages.RedDisc(64);

        // The empty prompt isolates what strength does from what a prompt does: the trained model pulls hard
        // towards the emoji it knows (even "red circle" redraws this disc at its own size, 0.19 away at
        // strength 0.3), so a prompted run measures the prompt, not the strength.
        var gentle = await _engine.CompleteAsync(Request("", 11) with { InitImage = init, Strength = 0.3 });
        var full = await _engine.CompleteAsync(Request("", 11) with { InitImage = init, Strength = 1.0 });

        var gentleDistance = ImageStats.MeanDifference(gentle.Png, init);
        var fullDistance = ImageStats.MeanDifference(full.Png, init);
        // The bound allows for the autoencoder: its own round trip moves emoji pixels by about 0.05 on average.
        Assert.True(gentleDistance <= MaxGentleDistance, $"strength 0.3 moved the image {gentleDistance:0.000}");
        // Strength 1 starts from pure noise: the init image no longer constrains the result.
        Assert.True(fullDistance > 1.5 * gentleDistance,
            $"strength 1.0 is {fullDistance:0.000} from the init image, strength 0.3 is {gentleDistance:0.000}");
    }

    [Fact]
    public async Task Inpainting_repaints_the_masked_half_and_keeps_the_other()
    {
        var init = TestImages.RedDisc(64);

        var result = await _engine.CompleteAsync(Request("blue car", 4) with
        {
            InitImage = init, Mask = TestImages.LeftHalfWhite(64, 64), Strength = 1.0,
        });

        // The engine blends latents (8 px cells); the decoder's receptive field lets the seam bleed about one
        // cell into the kept half, so the kept region is judged from one cell past the seam.
        var kept = ImageStats.MeanDifference(result.Png, init, fromColumn: 40);
        var repainted = ImageStats.MeanDifference(result.Png, init, toColumn: 32);
        Assert.True(kept <= MaxKeptDistance, $"the kept half moved {kept:0.000}");
        Assert.True(repainted > 1.5 * kept, $"repainted half moved {repainted:0.000}, kept half {kept:0.000}");
    }

    public void Dispose() => _engine.Dispose();
}
