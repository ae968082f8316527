using CollabCanvas.Data.Provenance.Png;

namespace CollabCanvas.Data.Provenance;

/// <summary>
/// Puts a recipe into a PNG without touching its pixels: the A1111 <c>parameters</c> text chunk and the XMP iTXt
/// chunk go right after IHDR (readers that stop at the first IDAT still see them); earlier chunks with those
/// keywords are dropped, every other chunk is kept byte for byte.
/// </summary>
public static class PngProvenanceWriter
{
    /// <exception cref="InvalidPngException"><paramref name="png"/> is not a well-formed PNG.</exception>
    public static byte[] Embed(ReadOnlyMemory<byte> png, GenerationRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var chunks = PngChunkReader.ReadChunks(png);
        var provenance = new[]
        {
            new PngTextChunk(A1111Infotext.PngKeyword, A1111Infotext.Format(recipe)).ToChunk(),
            new PngTextChunk(XmpNames.PngKeyword, XmpPacketWriter.Write(recipe.Contributors)).ToInternationalChunk(),
        };

        var kept = chunks.Skip(1).Where(chunk => !IsProvenanceChunk(chunk));
        return PngChunkWriter.Write([chunks[0], .. provenance, .. kept]);
    }

    private static bool IsProvenanceChunk(PngChunk chunk) =>
        PngTextChunk.FromChunk(chunk) is { } text
        && (text.Keyword == A1111Infotext.PngKeyword || text.Keyword == XmpNames.PngKeyword);
}
