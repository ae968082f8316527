using CollabCanvas.Engine.Models;

namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>
/// The default model shipped in models/emoji-ldm (trained by tools/train-embedded-model): the shared checks of
/// <see cref="ShippedModelTests"/> plus its 64 px layout, prompt sensitivity, seed variety and colour words.
/// </summary>
public sealed class EmbeddedModelTests : ShippedModelTests
{
    protected override string ModelName => EmbeddedModelFolder.Name;

    protected override int NativeSize => 64;

    [Fact]
    public void Catalog_finds_the_model_with_its_64_pixel_latent_layout()
    {
        var traits = Engine.Catalog.Get(EmbeddedModelFolder.Name).RequireTraits();

        Assert.Equal(new ImageSize(64, 64), traits.NativeSize);
        Assert.Equal(16, traits.LatentChannels);
        Assert.Equal(8, traits.VaeScaleFactor);
    }

    [Fact]
    public async Task Different_prompt_gives_a_different_image()
    {
        var heart = await Engine.CompleteAsync(Request("red heart", 5));
        var car = await Engine.CompleteAsync(Request("blue car", 5));

        // Same seed, same noise: only the text differs, so a visible difference is the conditioning at work.
        var distance = ImageStats.MeanDifference(heart.Png, car.Png);
        Assert.True(distance >= 0.05, $"'red heart' and 'blue car' differ by {distance:0.000} only");
    }

    [Fact]
    public async Task Seeds_give_different_images_of_one_prompt()
    {
        var a = await Engine.CompleteAsync(Request("cat face", 1));
        var b = await Engine.CompleteAsync(Request("cat face", 2));

        var distance = ImageStats.MeanDifference(a.Png, b.Png);
        Assert.True(distance >= 0.01, $"seeds 1 and 2 differ by {distance:0.000} only");
    }

    [Theory]
    [InlineData("red heart", 0, 30)]
    [InlineData("green heart", 120, 45)]
    [InlineData("blue heart", 220, 40)]
    public Task Colour_words_land_in_the_image(string prompt, double expectedHue, double tolerance) =>
        AssertColourLandsAsync(prompt, expectedHue, tolerance, "ddim", seeds: 4);
}
