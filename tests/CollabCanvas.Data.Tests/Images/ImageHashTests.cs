using CollabCanvas.Data.Images;

namespace CollabCanvas.Data.Tests.Images;

public sealed class ImageHashTests
{
    [Fact]
    public void Compute_gives_the_sha256_hex_of_the_bytes()
    {
        // SHA-256("abc"), from FIPS 180-2.
        var hash = ImageHash.Compute("abc"u8);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash.Value);
    }

    [Fact]
    public void Upper_case_hex_is_accepted_and_stored_lower_case()
    {
        Assert.True(ImageHash.TryParse("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", out var hash));
        Assert.Equal(ImageHash.Compute("abc"u8), hash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a")] // 63 digits
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0")] // 65 digits
    [InlineData("ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")] // not hex
    [InlineData("ba/816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")] // a separator
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f2001５ad")] // a full-width digit
    public void Anything_but_64_hex_digits_is_refused(string? text)
    {
        Assert.False(ImageHash.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => ImageHash.Parse(text));
        }
    }

    [Fact]
    public void A_default_hash_cannot_be_used_as_a_name()
    {
        Assert.Throws<InvalidOperationException>(() => default(ImageHash).Value);
    }
}
