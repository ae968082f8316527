using System.Text;
using CollabCanvas.Data.Provenance.Png;

namespace CollabCanvas.Data.Tests.Provenance;

public sealed class Crc32Tests
{
    [Fact]
    public void The_standard_check_value_matches()
    {
        // CRC-32 of "123456789" is 0xCBF43926 in every published table of CRC catalogues.
        Assert.Equal(0xCBF43926u, Crc32.Compute("1234"u8, "56789"u8));
    }

    [Fact]
    public void The_crc_of_an_empty_IEND_chunk_is_the_one_every_png_ends_with()
    {
        Assert.Equal(0xAE426082u, Crc32.Compute(Encoding.ASCII.GetBytes("IEND"), []));
    }
}
