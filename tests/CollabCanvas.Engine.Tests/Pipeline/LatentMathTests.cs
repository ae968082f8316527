using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Tests.Pipeline;

public sealed class LatentMathTests
{
    [Fact]
    public void Lcm_guidance_embedding_matches_diffusers()
    {
        // Values printed by diffusers' get_guidance_scale_embedding (torch, float32).
        var even = LcmGuidanceEmbedding.Create(8.0, 4, 1);
        var odd = LcmGuidanceEmbedding.Create(3.5, 7, 2);

        Assert.Equal([0.5069f, 0.6442f, 0.8620f, 0.7648f], even.Data.Select(v => MathF.Round(v, 4)));
        Assert.Equal([2, 7], odd.Shape);
        Assert.Equal([-0.6501f, -0.1324f, 0.2474f, 0.7598f, 0.9912f, 0.9689f, 0f], odd.Data[7..].Select(v => MathF.Round(v, 4)));
    }

    [Fact]
    public void Guidance_extrapolates_from_unconditional_towards_conditional()
    {
        var guided = LatentMath.Guide(new LatentTensor([1f, 2f], [1, 2]), new LatentTensor([3f, 2f], [1, 2]), 7.5);

        Assert.Equal([16f, 2f], guided.Data);
    }

    [Fact]
    public void Channels_are_joined_per_batch_item()
    {
        var a = new LatentTensor([1f, 2f], [2, 1, 1, 1]);
        var b = new LatentTensor([10f, 11f, 20f, 21f], [2, 2, 1, 1]);

        var joined = LatentMath.ConcatChannels(a, b);

        Assert.Equal([2, 3, 1, 1], joined.Shape);
        Assert.Equal([1f, 10f, 11f, 2f, 20f, 21f], joined.Data);
    }

    [Fact]
    public void Mask_is_sampled_at_the_top_left_of_each_cell_and_blends_per_channel()
    {
        var mask = new LatentTensor([1f, 1f, 0f, 0f, 1f, 1f, 0f, 0f, 0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f], [1, 1, 4, 4]);
        var small = LatentMath.DownsampleMask(mask, 2);
        Assert.Equal([1f, 0f, 0f, 1f], small.Data);

        var generated = new LatentTensor(Enumerable.Repeat(9f, 8).ToArray(), [1, 2, 2, 2]);
        var known = new LatentTensor(Enumerable.Repeat(1f, 8).ToArray(), [1, 2, 2, 2]);
        Assert.Equal([9f, 1f, 1f, 9f, 9f, 1f, 1f, 9f], LatentMath.Blend(generated, known, small).Data);
    }

    [Fact]
    public void Vae_space_round_trips_with_scale_and_shift()
    {
        var latents = new LatentTensor([0.5f, -1f], [1, 2]);

        var model = LatentMath.ToModelSpace(latents, 0.3611f, 0.1159f);
        var back = LatentMath.ToVaeSpace(model, 0.3611f, 0.1159f);

        Assert.Equal((0.5f - 0.1159f) * 0.3611f, model.Data[0], 5);
        Assert.Equal(latents.Data, back.Data.Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void Batch_split_undoes_concat()
    {
        var first = new LatentTensor([1f, 2f], [1, 2]);
        var second = new LatentTensor([3f, 4f], [1, 2]);

        var (a, b) = LatentMath.SplitBatch(LatentMath.ConcatBatch(first, second));

        Assert.Equal(first.Data, a.Data);
        Assert.Equal(second.Data, b.Data);
    }
}
