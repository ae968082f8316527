using CollabCanvas.Data.Provenance.Png;

namespace CollabCanvas.Data.Provenance;

/// <summary>Finds the <c>parameters</c> text and the XMP packet in a PNG (ours or AUTOMATIC1111's) and reads the recipe back.</summary>
public static class PngProvenanceReader
{
    /// <exception cref="InvalidPngException"><paramref name="png"/> is not a well-formed PNG.</exception>
    public static PngProvenance Read(ReadOnlyMemory<byte> png)
    {
        string? parameters = null, xmp = null;
        foreach (var chunk in PngChunkReader.ReadChunks(png))
        {
            switch (PngTextChunk.FromChunk(chunk))
            {
                case { Keyword: A1111Infotext.PngKeyword } text:
                    parameters ??= text.Text;
                    break;
                case { Keyword: XmpNames.PngKeyword } text:
                    xmp ??= text.Text;
                    break;
            }
        }

        return new PngProvenance(parameters, xmp);
    }

    /// <summary>The recipe: settings from the <c>parameters</c> chunk, contributors from the XMP (none without it).</summary>
    /// <exception cref="InvalidPngException"><paramref name="png"/> is not a well-formed PNG.</exception>
    /// <exception cref="FormatException">There is no <c>parameters</c> chunk, or it lacks a required setting.</exception>
    public static GenerationRecipe ReadRecipe(ReadOnlyMemory<byte> png)
    {
        var provenance = Read(png);
        if (provenance.Parameters is null)
        {
            throw new FormatException("The PNG has no 'parameters' text chunk.");
        }

        var contributors = provenance.Xmp is null ? [] : XmpPacketReader.Read(provenance.Xmp).Contributors;
        return A1111InfotextParser.ParseRecipe(provenance.Parameters, contributors);
    }
}

/// <param name="Parameters">The A1111 infotext of the <c>parameters</c> chunk, if any.</param>
/// <param name="Xmp">The XMP packet of the <c>XML:com.adobe.xmp</c> chunk, if any.</param>
public sealed record PngProvenance(string? Parameters, string? Xmp);
