namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// A float32 tensor as the schedulers see it: a flat buffer in row-major (C) order plus its shape,
/// e.g. [batch, 4, height/8, width/8] for SD latents. Deliberately tiny so the pipeline can wrap
/// ONNX Runtime buffers without copying through another tensor library. Operations return new tensors;
/// nothing here mutates <see cref="Data"/>.
/// </summary>
public sealed class LatentTensor
{
    public LatentTensor(float[] data, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var length = shape.Aggregate(1L, (product, dimension) => product * dimension);
        if (shape.Any(d => d < 0) || length != data.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] does not hold {data.Length} values", nameof(shape));
        }

        Data = data;
        Shape = shape.ToArray();
    }

    /// <summary>The values, row-major.</summary>
    public float[] Data { get; }

    public IReadOnlyList<int> Shape { get; }

    public int Length => Data.Length;

    /// <summary><paramref name="a"/>·<paramref name="x"/> + <paramref name="b"/>·<paramref name="y"/>, element-wise, computed in double.</summary>
    public static LatentTensor Combine(double a, LatentTensor x, double b, LatentTensor y) => Combine([(a, x), (b, y)]);

    /// <summary>a·x + b·y + c·z, element-wise, computed in double.</summary>
    public static LatentTensor Combine(double a, LatentTensor x, double b, LatentTensor y, double c, LatentTensor z) =>
        Combine([(a, x), (b, y), (c, z)]);

    /// <summary>Σ coefficient·tensor over equally shaped tensors, computed in double and rounded once to float32.</summary>
    public static LatentTensor Combine(IReadOnlyList<(double Coefficient, LatentTensor Tensor)> terms)
    {
        if (terms.Count == 0)
        {
            throw new ArgumentException("Nothing to combine", nameof(terms));
        }

        var first = terms[0].Tensor;
        var sum = new double[first.Length];
        foreach (var (coefficient, tensor) in terms)
        {
            first.EnsureSameShape(tensor);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += coefficient * tensor.Data[i];
            }
        }

        return new LatentTensor(Array.ConvertAll(sum, v => (float)v), first.Shape);
    }

    /// <summary>Every value multiplied by <paramref name="factor"/>.</summary>
    public LatentTensor Scale(double factor)
    {
        var result = new float[Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(Data[i] * factor);
        }

        return new LatentTensor(result, Shape);
    }

    /// <summary>Every value limited to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public LatentTensor Clamp(float min, float max)
    {
        var result = new float[Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Clamp(Data[i], min, max);
        }

        return new LatentTensor(result, Shape);
    }

    public void EnsureSameShape(LatentTensor other)
    {
        if (!Shape.SequenceEqual(other.Shape))
        {
            throw new ArgumentException(
                $"Tensor shapes differ: [{string.Join(", ", Shape)}] and [{string.Join(", ", other.Shape)}]");
        }
    }
}
