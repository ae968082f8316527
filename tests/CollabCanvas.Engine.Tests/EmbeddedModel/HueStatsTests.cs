namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>The colour judge of <see cref="EmbeddedModelTests"/> must itself tell colours apart and ignore grey.</summary>
public sealed class HueStatsTests
{
    [Fact]
    public void A_red_disc_on_white_is_red()
    {
        var (hue, colouredShare) = HueStats.DominantHue([TestImages.RedDisc(64)]);

        Assert.True(HueStats.Distance(hue, 0) < 5, $"hue {hue:0}°");
        Assert.InRange(colouredShare, 0.1, 0.9);
    }

    [Fact]
    public void Grey_has_no_coloured_pixels()
    {
        var (_, colouredShare) = HueStats.DominantHue([Support.Pixels.SolidPng(16, 16, 128)]);

        Assert.Equal(0, colouredShare);
    }

    [Theory]
    [InlineData(350, 10, 20)]
    [InlineData(10, 350, 20)]
    [InlineData(0, 180, 180)]
    [InlineData(120, 220, 100)]
    public void Hue_distance_goes_round_the_circle(double a, double b, double expected) =>
        Assert.Equal(expected, HueStats.Distance(a, b), 6);
}
