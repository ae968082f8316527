using CollabCanvas.Data.Provenance.Png;

namespace CollabCanvas.Data.Tests.Provenance;

public sealed class PngChunkReaderTests
{
    [Fact]
    public void An_encoded_png_splits_into_IHDR_first_and_IEND_last()
    {
        var chunks = PngChunkReader.ReadChunks(TestImages.Png(10, 6));

        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal(13, chunks[0].Data.Length);
        Assert.Contains(chunks, c => c.Type == "IDAT");
        Assert.Equal("IEND", chunks[^1].Type);
    }

    [Fact]
    public void Writing_the_chunks_back_reproduces_the_file_byte_for_byte()
    {
        var png = TestImages.Png(10, 6);

        Assert.Equal(png, PngChunkWriter.Write(PngChunkReader.ReadChunks(png)));
    }

    [Fact]
    public void A_flipped_bit_in_the_pixel_data_fails_the_crc_check()
    {
        var png = TestImages.Png(10, 6);
        var idat = IndexOf(png, "IDAT"u8) + 4;
        png[idat + 2] ^= 0x01;

        var error = Assert.Throws<InvalidPngException>(() => PngChunkReader.ReadChunks(png));

        Assert.Contains("IDAT", error.Message);
        Assert.Contains("CRC", error.Message);
    }

    [Fact]
    public void Bytes_without_the_signature_are_refused()
    {
        Assert.Throws<InvalidPngException>(() => PngChunkReader.ReadChunks(TestImages.Jpeg()));
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var png = TestImages.Png(10, 6);

        Assert.Throws<InvalidPngException>(() => PngChunkReader.ReadChunks(png[..^6]));
    }

    [Fact]
    public void A_chunk_length_past_the_end_of_the_file_is_refused()
    {
        var png = TestImages.Png(10, 6);
        png[8] = 0x7F; // IHDR's length now claims about 2 GB

        var error = Assert.Throws<InvalidPngException>(() => PngChunkReader.ReadChunks(png));

        Assert.Contains("more than the file holds", error.Message);
    }

    [Fact]
    public void Bytes_after_IEND_are_refused()
    {
        byte[] png = [.. TestImages.Png(), 0, 0, 0, 0];

        Assert.Throws<InvalidPngException>(() => PngChunkReader.ReadChunks(png));
    }

    [Fact]
    public void A_file_whose_first_chunk_is_not_IHDR_is_refused()
    {
        var chunks = PngChunkReader.ReadChunks(TestImages.Png());
        var swapped = PngChunkWriter.Write([chunks[1], chunks[0], .. chunks.Skip(2)]);

        var error = Assert.Throws<InvalidPngException>(() => PngChunkReader.ReadChunks(swapped));

        Assert.Contains("not IHDR", error.Message);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
