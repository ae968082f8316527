namespace CollabCanvas.Data.Provenance.Png;

/// <summary>The bytes are not a well-formed PNG: no signature, a truncated or corrupt chunk, or IHDR/IEND misplaced.</summary>
public sealed class InvalidPngException(string message) : FormatException(message);
