namespace CollabCanvas.Engine.Onnx;

/// <summary>ONNX tensor element types the engine understands (values are ONNX's <c>TensorProto.DataType</c>).</summary>
public enum OnnxElementType
{
    Unknown = 0,
    Float = 1,
    Int32 = 6,
    Int64 = 7,
    Float16 = 10,
}

/// <summary>One input or output of an ONNX graph.</summary>
/// <param name="Name">Tensor name, e.g. <c>sample</c>.</param>
/// <param name="ElementType">Element type; <see cref="OnnxElementType.Unknown"/> for types the engine does not use.</param>
/// <param name="Dimensions">Dimensions; -1 where the graph leaves a dimension symbolic (batch, height…).</param>
public sealed record TensorSignature(string Name, OnnxElementType ElementType, IReadOnlyList<long> Dimensions)
{
    /// <summary>The size of dimension <paramref name="index"/> when the graph fixes it, otherwise null.</summary>
    public long? FixedDimension(int index) =>
        index < Dimensions.Count && Dimensions[index] > 0 ? Dimensions[index] : null;
}

/// <summary>The inputs and outputs of an ONNX graph.</summary>
public sealed record GraphSignature(IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs)
{
    public TensorSignature? FindInput(string name) => Inputs.FirstOrDefault(input => input.Name == name);

    public TensorSignature? FindOutput(string name) => Outputs.FirstOrDefault(output => output.Name == name);
}
