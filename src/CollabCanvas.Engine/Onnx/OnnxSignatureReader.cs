namespace CollabCanvas.Engine.Onnx;

/// <summary>
/// Reads the inputs and outputs of an ONNX file straight from its protobuf, skipping the weights, so the
/// model catalog can classify a 3 GB UNet in milliseconds without opening an inference session.
/// Throws <see cref="InvalidDataException"/> when the file is not a well-formed ONNX model.
/// </summary>
/// <remarks>
/// Protobuf field numbers from onnx.proto: ModelProto.graph = 7; GraphProto.input = 11, output = 12;
/// ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1; Tensor.elem_type = 1, shape = 2;
/// TensorShapeProto.dim = 1; Dimension.dim_value = 1, dim_param = 2.
/// </remarks>
public static class OnnxSignatureReader
{
    private const int ModelGraphField = 7;
    private const int GraphInputField = 11;
    private const int GraphOutputField = 12;

    public static GraphSignature Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var reader = new ProtobufReader(stream, stream.Length);
        GraphSignature? graph = null;
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field == ModelGraphField && wireType == ProtobufReader.LengthDelimited)
            {
                var length = reader.ReadLength();
                graph = ReadGraph(reader.Slice(length));
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (graph is null || graph.Inputs.Count == 0 || graph.Outputs.Count == 0)
        {
            throw new InvalidDataException("not an ONNX model: no graph with inputs and outputs");
        }

        return graph;
    }

    private static GraphSignature ReadGraph(ProtobufReader reader)
    {
        var inputs = new List<TensorSignature>();
        var outputs = new List<TensorSignature>();
        while (reader.TryReadField(out var field, out var wireType))
        {
            if ((field == GraphInputField || field == GraphOutputField) && wireType == ProtobufReader.LengthDelimited)
            {
                var value = ReadValueInfo(reader.Slice(reader.ReadLength()));
                (field == GraphInputField ? inputs : outputs).Add(value);
            }
            else
            {
                reader.Skip(wireType); // nodes and initializers (the weights) are jumped over
            }
        }

        return new GraphSignature(inputs, outputs);
    }

    private static TensorSignature ReadValueInfo(ProtobufReader reader)
    {
        var name = string.Empty;
        var elementType = OnnxElementType.Unknown;
        var dimensions = new List<long>();
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufReader.LengthDelimited)
            {
                name = reader.ReadString();
            }
            else if (field == 2 && wireType == ProtobufReader.LengthDelimited)
            {
                var type = reader.Slice(reader.ReadLength());
                while (type.TryReadField(out var typeField, out var typeWire))
                {
                    if (typeField == 1 && typeWire == ProtobufReader.LengthDelimited)
                    {
                        (elementType, dimensions) = ReadTensorType(type.Slice(type.ReadLength()));
                    }
                    else
                    {
                        type.Skip(typeWire);
                    }
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return new TensorSignature(name, elementType, dimensions);
    }

    private static (OnnxElementType, List<long>) ReadTensorType(ProtobufReader reader)
    {
        var elementType = OnnxElementType.Unknown;
        var dimensions = new List<long>();
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufReader.Varint)
            {
                var raw = (int)reader.ReadVarint();
                elementType = Enum.IsDefined(typeof(OnnxElementType), raw) ? (OnnxElementType)raw : OnnxElementType.Unknown;
            }
            else if (field == 2 && wireType == ProtobufReader.LengthDelimited)
            {
                var shape = reader.Slice(reader.ReadLength());
                while (shape.TryReadField(out var shapeField, out var shapeWire))
                {
                    if (shapeField == 1 && shapeWire == ProtobufReader.LengthDelimited)
                    {
                        dimensions.Add(ReadDimension(shape.Slice(shape.ReadLength())));
                    }
                    else
                    {
                        shape.Skip(shapeWire);
                    }
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return (elementType, dimensions);
    }

    private static long ReadDimension(ProtobufReader reader)
    {
        long value = -1; // a named (symbolic) or absent dimension
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufReader.Varint)
            {
                value = (long)reader.ReadVarint();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return value;
    }
}
