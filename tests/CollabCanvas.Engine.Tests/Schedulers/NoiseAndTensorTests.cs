using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Tests.Schedulers;

public sealed class NoiseAndTensorTests
{
    [Fact]
    public void Seeded_noise_repeats_for_a_seed_and_differs_between_seeds()
    {
        int[] shape = [2, 4, 8, 8];

        Assert.Equal(new SeededGaussianNoise(42).NextGaussian(shape).Data, new SeededGaussianNoise(42).NextGaussian(shape).Data);
        Assert.NotEqual(new SeededGaussianNoise(42).NextGaussian(shape).Data, new SeededGaussianNoise(43).NextGaussian(shape).Data);
    }

    [Fact]
    public void Seeded_noise_is_standard_normal()
    {
        var values = new SeededGaussianNoise(7).NextGaussian([1, 4, 128, 128]).Data.Select(v => (double)v).ToArray();
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Average();

        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.97, 1.03);
        Assert.InRange(values.Count(v => Math.Abs(v) < 1) / (double)values.Length, 0.67, 0.70);
    }

    [Fact]
    public void Tensors_check_their_shape()
    {
        Assert.Throws<ArgumentException>(() => new LatentTensor(new float[5], [1, 2, 2]));
        var a = new LatentTensor([1, 2], [2]);
        var b = new LatentTensor([1, 2], [1, 2]);
        Assert.Throws<ArgumentException>(() => LatentTensor.Combine(1, a, 1, b));
    }

    [Fact]
    public void Combine_scale_and_clamp_work_element_wise()
    {
        var x = new LatentTensor([1, -2], [2]);
        var y = new LatentTensor([10, 20], [2]);

        Assert.Equal([12f, 16f], LatentTensor.Combine(2, x, 1, y, 0, x).Data);
        Assert.Equal([-0.5f, 1f], x.Scale(-0.5).Data);
        Assert.Equal([1f, -1.5f], x.Clamp(-1.5f, 1.5f).Data);
    }
}
