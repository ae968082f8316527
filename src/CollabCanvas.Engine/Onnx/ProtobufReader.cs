using System.Text;

namespace CollabCanvas.Engine.Onnx;

/// <summary>
/// A forward-only reader of protobuf wire format over a window of a seekable stream. Just enough for
/// <see cref="OnnxSignatureReader"/>: it can jump over large fields without reading them.
/// </summary>
internal sealed class ProtobufReader(Stream stream, long end)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public bool TryReadField(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (stream.Position >= end)
        {
            return false;
        }

        var key = ReadVarint();
        field = (int)(key >> 3);
        wireType = (int)(key & 7);
        if (field <= 0)
        {
            throw new InvalidDataException($"invalid protobuf field number at byte {stream.Position}");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (stream.Position >= end)
            {
                throw new InvalidDataException("protobuf varint runs past the end of its message");
            }

            var b = stream.ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("protobuf varint longer than 10 bytes");
    }

    public long ReadLength()
    {
        var length = ReadVarint();
        if (length > (ulong)(end - stream.Position))
        {
            throw new InvalidDataException("protobuf field runs past the end of its message (truncated file?)");
        }

        return (long)length;
    }

    /// <summary>A reader limited to the next <paramref name="length"/> bytes; this reader continues after them.</summary>
    public ProtobufReader Slice(long length) => new(stream, stream.Position + length);

    public string ReadString()
    {
        var length = ReadLength();
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Advance(8);
                break;
            case LengthDelimited:
                Advance(ReadLength());
                break;
            case Fixed32:
                Advance(4);
                break;
            default:
                throw new InvalidDataException($"unsupported protobuf wire type {wireType}");
        }
    }

    private void Advance(long count)
    {
        if (stream.Position + count > end)
        {
            throw new InvalidDataException("protobuf field runs past the end of its message (truncated file?)");
        }

        stream.Seek(count, SeekOrigin.Current);
    }
}
