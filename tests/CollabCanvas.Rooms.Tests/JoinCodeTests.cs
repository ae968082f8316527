namespace CollabCanvas.Rooms.Tests;

public sealed class JoinCodeTests
{
    [Fact]
    public void Generated_codes_are_six_letters_of_the_alphabet_and_vary()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => JoinCode.Generate()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Equal(JoinCode.Length, code.Length);
            Assert.All(code, c => Assert.Contains(c, JoinCode.Alphabet));
        });
        Assert.True(codes.Distinct().Count() > 190, "codes should practically never repeat");
    }

    [Theory]
    [InlineData("kxqmtr", "KXQMTR")]
    [InlineData(" KXQ-MTR ", "KXQMTR")]
    [InlineData("kxq mtr", "KXQMTR")]
    public void Typed_codes_are_normalised(string typed, string expected)
    {
        Assert.True(JoinCode.TryNormalize(typed, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("KXQMT")]
    [InlineData("KXQMTRS")]
    [InlineData("KXQMT1")]
    [InlineData("KXQMTO")] // O is not in the alphabet (looks like zero)
    [InlineData("' OR 1=1 --")]
    [InlineData("<script>")]
    [InlineData("ＫＸＱＭＴＲ")] // full-width letters
    public void Anything_else_is_not_a_code(string? typed)
    {
        Assert.False(JoinCode.TryNormalize(typed, out _));
    }

    [Fact]
    public void Very_long_input_is_refused_without_scanning_it()
    {
        Assert.False(JoinCode.TryNormalize(new string('A', 10_000), out _));
    }
}
