namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Deterministic N(0, 1) noise from a seed: Box–Muller over this instance's own seeded <see cref="Random"/>,
/// so two sources with the same seed give the same sequence and never disturb each other.
/// Not thread-safe; use one per generation. (Not bit-compatible with torch.randn.)
/// </summary>
public sealed class SeededGaussianNoise : INoiseSource
{
    private readonly Random _random;
    private double? _spare;

    public SeededGaussianNoise(int seed)
    {
        _random = new Random(seed);
    }

    public LatentTensor NextGaussian(IReadOnlyList<int> shape)
    {
        var length = shape.Aggregate(1, (product, dimension) => checked(product * dimension));
        var data = new float[length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)NextStandardNormal();
        }

        return new LatentTensor(data, shape);
    }

    private double NextStandardNormal()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }

        // 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var angle = 2.0 * Math.PI * u2;
        _spare = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }
}
