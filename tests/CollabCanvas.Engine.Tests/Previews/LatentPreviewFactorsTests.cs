using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Previews;
using CollabCanvas.Engine.Schedulers;
using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.Previews;

public sealed class LatentPreviewFactorsTests
{
    private static ModelEntry Model(string root) => ModelFolderInspector.Inspect(root);

    [Fact]
    public void Projection_is_the_weighted_sum_of_channels_plus_bias()
    {
        var factors = new LatentPreviewFactors([[1f, 0f, 2f], [0.5f, -1f, 0f]], [0.1f, 0.2f, 0.3f], ScaleByVaeScalingFactor: false);
        var latents = new LatentTensor([1f, 2f, /* channel 1 */ 4f, -2f], [1, 2, 1, 2]);

        var rgb = LatentPreviewProjection.Project(latents, factors, vaeScalingFactor: 0.5f);

        Assert.Equal([1, 3, 1, 2], rgb.Shape);
        Assert.Equal([3.1f, 1.1f, /* G */ -3.8f, 2.2f, /* B */ 2.3f, 4.3f], rgb.Data, new ToleranceComparer(1e-5f));
    }

    [Fact]
    public void Scale_flag_divides_by_the_vae_scaling_factor_first()
    {
        var factors = new LatentPreviewFactors([[1f, 1f, 1f]], [0f, 0f, 0f], ScaleByVaeScalingFactor: true);

        var rgb = LatentPreviewProjection.Project(new LatentTensor([0.25f], [1, 1, 1, 1]), factors, vaeScalingFactor: 0.5f);

        Assert.Equal([0.5f, 0.5f, 0.5f], rgb.Data);
    }

    [Fact]
    public void Model_file_wins_and_four_channel_models_without_one_get_sd15()
    {
        var oracle = Model(Fixtures.Model("oracle"));
        var tiny = Model(Fixtures.Model("tiny-txt2img"));

        Assert.True(LatentPreviewFactors.For(oracle.Paths, oracle.RequireTraits())!.ScaleByVaeScalingFactor);
        Assert.Same(LatentPreviewFactors.StableDiffusion15, LatentPreviewFactors.For(tiny.Paths, tiny.RequireTraits()));
    }

    [Fact]
    public void Malformed_or_mismatched_file_is_an_error_not_a_silent_default()
    {
        using var temp = new TempFolder();
        var folder = temp.CopyModel("oracle", "bad-preview");
        var entry = Model(folder);
        File.WriteAllText(entry.Paths.LatentPreview, "{\"latent_rgb_factors\": [[1, 0, 0]]}");

        var mismatch = Assert.Throws<InvalidDataException>(() => LatentPreviewFactors.For(entry.Paths, entry.RequireTraits()));
        Assert.Contains("1 rows but the model has 4 latent channels", mismatch.Message);

        File.WriteAllText(entry.Paths.LatentPreview, "{ nope");
        Assert.Throws<InvalidDataException>(() => LatentPreviewFactors.For(entry.Paths, entry.RequireTraits()));
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
