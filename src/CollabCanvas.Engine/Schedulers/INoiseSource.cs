namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Where a scheduler draws its standard-normal noise (ancestral / stochastic samplers). Injectable so a run
/// is reproducible from a seed and tests can feed noise recorded from diffusers.
/// </summary>
public interface INoiseSource
{
    /// <summary>A tensor of the given shape filled with independent N(0, 1) values.</summary>
    LatentTensor NextGaussian(IReadOnlyList<int> shape);
}
