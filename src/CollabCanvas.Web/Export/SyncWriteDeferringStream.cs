using System.Buffers;

namespace CollabCanvas.Web.Export;

/// <summary>
/// A write-only view of a response body, which refuses synchronous writes. <see cref="System.IO.Compression.ZipArchive"/>
/// writes a few small records synchronously even through its async API (an entry's data descriptor on a non-seekable
/// stream, the central directory when it closes); those are held here and sent, in order, before the next async write
/// or at <see cref="FlushAsync(CancellationToken)"/>, which the exporter calls after every file. So at most one file's
/// bookkeeping waits in memory, never the archive.
/// </summary>
internal sealed class SyncWriteDeferringStream(Stream body) : Stream
{
    private readonly ArrayBufferWriter<byte> _held = new();

    /// <summary>Bytes written synchronously and not yet sent.</summary>
    public int HeldBytes => _held.WrittenCount;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _held.Write(buffer);

    public override void WriteByte(byte value) => Write([value]);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendHeldAsync(cancellationToken);
        await body.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendHeldAsync(cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    /// <summary>Nothing can be sent without blocking; what is held goes with the next async call.</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async ValueTask SendHeldAsync(CancellationToken cancellationToken)
    {
        if (_held.WrittenCount > 0)
        {
            await body.WriteAsync(_held.WrittenMemory, cancellationToken);
            _held.ResetWrittenCount();
        }
    }
}
