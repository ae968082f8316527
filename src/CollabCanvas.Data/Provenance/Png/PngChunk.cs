namespace CollabCanvas.Data.Provenance.Png;

/// <summary>One chunk of a PNG file: its four-letter type (IHDR, IDAT, tEXt…) and its data, CRC already checked.</summary>
public sealed record PngChunk(string Type, ReadOnlyMemory<byte> Data);
