using CollabCanvas.Engine.Schedulers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CollabCanvas.Engine.Onnx;

/// <summary>Conversions between the engine's float tensors and ONNX Runtime values of the type a graph wants.</summary>
internal static class OrtTensors
{
    /// <summary>A value holding <paramref name="tensor"/> as <paramref name="type"/> (float32 or float16).</summary>
    public static OrtValue FromFloats(LatentTensor tensor, TensorElementType type) =>
        FromFloats(tensor.Data, tensor.Shape.Select(d => (long)d).ToArray(), type);

    public static OrtValue FromFloats(float[] values, long[] shape, TensorElementType type) => type switch
    {
        TensorElementType.Float => OrtValue.CreateTensorValueFromMemory(values, shape),
        TensorElementType.Float16 => OrtValue.CreateTensorValueFromMemory(values.Select(v => (Float16)v).ToArray(), shape),
        TensorElementType.Int64 => OrtValue.CreateTensorValueFromMemory(values.Select(v => (long)Math.Round(v)).ToArray(), shape),
        TensorElementType.Int32 => OrtValue.CreateTensorValueFromMemory(values.Select(v => (int)Math.Round(v)).ToArray(), shape),
        _ => throw new NotSupportedException($"ONNX input type {type} is not supported"),
    };

    /// <summary>Token ids as the int32 or int64 tensor a text encoder wants.</summary>
    public static OrtValue FromIds(int[] ids, long[] shape, TensorElementType type) => type switch
    {
        TensorElementType.Int32 => OrtValue.CreateTensorValueFromMemory(ids, shape),
        TensorElementType.Int64 => OrtValue.CreateTensorValueFromMemory(ids.Select(id => (long)id).ToArray(), shape),
        _ => throw new NotSupportedException($"input_ids of type {type} is not supported"),
    };

    /// <summary>Copies a float32 or float16 output into a new float tensor.</summary>
    public static LatentTensor ToLatent(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape.Select(d => checked((int)d)).ToArray();
        float[] data = info.ElementDataType switch
        {
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Float16 => ToFloats(value.GetTensorDataAsSpan<Float16>()),
            _ => throw new NotSupportedException($"ONNX output type {info.ElementDataType} is not supported"),
        };
        return new LatentTensor(data, shape);
    }

    private static float[] ToFloats(ReadOnlySpan<Float16> values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i].ToFloat();
        }

        return result;
    }
}
