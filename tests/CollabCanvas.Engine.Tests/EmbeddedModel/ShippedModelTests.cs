using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>
/// What every model we train and ship in models/ must do through the engine, run once per model by the classes
/// deriving from this one: determinism, img2img strength, inpainting, and colour words that land. These judge real
/// model output, so they compare whole-image measures instead of exact pixels.
/// </summary>
public abstract class ShippedModelTests : IDisposable
{
    private const double MaxGentleDistance = 0.09;
    private const double MaxKeptDistance = 0.07;

    /// <summary>The model's folder name under models/.</summary>
    protected abstract string ModelName { get; }

    /// <summary>The side of the square images the model was trained on.</summary>
    protected abstract int NativeSize { get; }

    private protected TestEngine Engine { get; } = new(EmbeddedModelFolder.ModelsRoot);

    protected GenerationRequest Request(string prompt, int seed, string scheduler = "ddim") =>
        new(ModelName, prompt, Steps: 20, Scheduler: scheduler, Guidance: 5, Seed: seed, Preview: PreviewOptions.None);

    [Fact]
    public async Task Same_seed_gives_the_same_image()
    {
        var first = await Engine.CompleteAsync(Request("red apple", 5));
        var second = await Engine.CompleteAsync(Request("red apple", 5));

        Assert.Equal((NativeSize, NativeSize), (first.Width, first.Height));
        Assert.Equal(0, Pixels.MaxDifference(first.Png, second.Png));
    }

    [Fact]
    public async Task Img2img_at_strength_0_3_stays_close_to_its_init_image_and_at_1_0_does_not()
    {
        var init = TestImages.RedDisc(NativeSize);

        // The empty prompt isolates what strength does from what a prompt does: the trained model pulls hard
        // towards the emoji it knows (even "red circle" redraws this disc at its own size, 0.19 away at
        // strength 0.3), so a prompted run measures the prompt, not the strength.
        var gentle = await Engine.CompleteAsync(Request("", 11) with { InitImage = init, Strength = 0.3 });
        var full = await Engine.CompleteAsync(Request("", 11) with { InitImage = init, Strength = 1.0 });

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
        var init = TestImages.RedDisc(NativeSize);

        var result = await Engine.CompleteAsync(Request("blue car", 4) with
        {
            InitImage = init, Mask = TestImages.LeftHalfWhite(NativeSize, NativeSize), Strength = 1.0,
        });

        // The engine blends latents (8 px cells); the decoder's receptive field lets the seam bleed into the kept
        // half, so the kept region is judged from an eighth of the width past the seam (one cell at 64 px, two at 128).
        var seam = NativeSize / 2;
        var kept = ImageStats.MeanDifference(result.Png, init, fromColumn: seam + NativeSize / 8);
        var repainted = ImageStats.MeanDifference(result.Png, init, toColumn: seam);
        Assert.True(kept <= MaxKeptDistance, $"the kept half moved {kept:0.000}");
        Assert.True(repainted > 1.5 * kept, $"repainted half moved {repainted:0.000}, kept half {kept:0.000}");
    }

    /// <summary>A colour prompt's images, several seeds together (one sample may miss, the model's habit should not), are dominated by its hue.</summary>
    protected async Task AssertColourLandsAsync(string prompt, double expectedHue, double tolerance, string scheduler, int seeds)
    {
        var images = new List<byte[]>();
        for (var seed = 0; seed < seeds; seed++)
        {
            images.Add((await Engine.CompleteAsync(Request(prompt, seed, scheduler))).Png);
        }

        var (hue, colouredShare) = HueStats.DominantHue(images);
        Assert.True(colouredShare >= 0.05, $"'{prompt}': only {colouredShare:P0} of the pixels are coloured at all");
        Assert.True(HueStats.Distance(hue, expectedHue) <= tolerance,
            $"'{prompt}' ({scheduler}): the coloured pixels' mean hue is {hue:0}°, expected {expectedHue:0}° ± {tolerance:0}°");
    }

    public void Dispose()
    {
        Engine.Dispose();
        GC.SuppressFinalize(this);
    }
}
