using System.IO.Compression;
using System.Text;
using CollabCanvas.Data.Provenance.Png;

namespace CollabCanvas.Data.Tests.Provenance;

public sealed class PngTextChunkTests
{
    [Fact]
    public void Latin1_text_goes_in_a_tEXt_chunk_laid_out_as_keyword_nul_text()
    {
        var chunk = new PngTextChunk("parameters", "café, 7").ToChunk();

        Assert.Equal("tEXt", chunk.Type);
        Assert.Equal([.. "parameters"u8, 0, .. Encoding.Latin1.GetBytes("café, 7")], chunk.Data.ToArray());
    }

    [Fact]
    public void Text_beyond_Latin1_goes_in_an_uncompressed_iTXt_chunk_as_PIL_does()
    {
        var chunk = new PngTextChunk("parameters", "a 🐈 in 東京").ToChunk();

        Assert.Equal("iTXt", chunk.Type);
        Assert.Equal([.. "parameters"u8, 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes("a 🐈 in 東京")], chunk.Data.ToArray());
    }

    [Theory]
    [InlineData("parameters", "plain")]
    [InlineData("parameters", "a 🐈 in 東京\nNegative prompt: ")]
    [InlineData("XML:com.adobe.xmp", "<x:xmpmeta/>")]
    public void Text_chunks_read_back_to_the_same_keyword_and_text(string keyword, string text)
    {
        var written = new PngTextChunk(keyword, text);

        Assert.Equal(written, PngTextChunk.FromChunk(written.ToChunk()));
        Assert.Equal(written, PngTextChunk.FromChunk(written.ToInternationalChunk()));
    }

    [Fact]
    public void Compressed_zTXt_and_iTXt_chunks_are_inflated()
    {
        var compressed = Deflate(Encoding.UTF8.GetBytes("Steps: 20, Sampler: Euler a"));
        var ztxt = new PngChunk("zTXt", (byte[])[.. "parameters"u8, 0, 0, .. compressed]);
        var itxt = new PngChunk("iTXt", (byte[])[.. "parameters"u8, 0, 1, 0, .. "en"u8, 0, 0, .. compressed]);

        Assert.Equal(new PngTextChunk("parameters", "Steps: 20, Sampler: Euler a"), PngTextChunk.FromChunk(ztxt));
        Assert.Equal(new PngTextChunk("parameters", "Steps: 20, Sampler: Euler a"), PngTextChunk.FromChunk(itxt));
    }

    [Fact]
    public void A_compressed_text_that_inflates_past_the_limit_is_refused()
    {
        var bomb = Deflate(new byte[PngTextChunk.MaxInflatedBytes + 1]);
        var chunk = new PngChunk("zTXt", (byte[])[.. "parameters"u8, 0, 0, .. bomb]);

        Assert.Throws<InvalidPngException>(() => PngTextChunk.FromChunk(chunk));
    }

    [Fact]
    public void Other_chunk_types_are_not_text()
    {
        Assert.Null(PngTextChunk.FromChunk(new PngChunk("IDAT", new byte[] { 1, 2, 3 })));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" parameters")]
    [InlineData("two  spaces")]
    [InlineData("emoji🐈")]
    public void Invalid_keywords_are_refused(string keyword)
    {
        Assert.Throws<ArgumentException>(() => new PngTextChunk(keyword, "text").ToChunk());
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
