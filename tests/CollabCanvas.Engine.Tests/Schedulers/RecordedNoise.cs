using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Tests.Schedulers;

/// <summary>
/// Hands a scheduler the noise diffusers drew at each step, and fails if the scheduler draws where diffusers did not
/// (or draws twice), so a stochastic step cannot silently consume the wrong noise.
/// </summary>
internal sealed class RecordedNoise : INoiseSource
{
    private LatentTensor? _pending;
    private string _step = "before the first step";

    /// <summary>What the next step should draw: the recorded tensor, or null if it draws none.</summary>
    public void ExpectNext(LatentTensor? noise, string step)
    {
        AssertConsumed();
        _pending = noise;
        _step = step;
    }

    public LatentTensor NextGaussian(IReadOnlyList<int> shape)
    {
        var noise = _pending ?? throw new Xunit.Sdk.XunitException($"{_step}: the scheduler drew noise where diffusers drew none");
        Assert.Equal(noise.Shape, shape);
        _pending = null;
        return noise;
    }

    public void AssertConsumed()
    {
        if (_pending is not null)
        {
            throw new Xunit.Sdk.XunitException($"{_step}: diffusers drew noise here but the scheduler did not");
        }
    }
}
