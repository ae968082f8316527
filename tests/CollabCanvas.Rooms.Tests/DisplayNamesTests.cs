namespace CollabCanvas.Rooms.Tests;

public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData("Ada", "Ada")]
    [InlineData("  Ada Lovelace ", "Ada Lovelace")]
    [InlineData("مريم", "مريم")]
    [InlineData("שלום 👋🏽", "שלום 👋🏽")]
    [InlineData("<b>Bob</b>", "<b>Bob</b>")] // stored as typed; every view escapes it
    public void Names_in_any_script_are_accepted(string input, string expected)
    {
        var check = DisplayNames.CheckPersonName(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Value);
    }

    [Fact]
    public void Forty_emoji_with_modifiers_fit_because_each_is_one_visible_character()
    {
        var name = string.Concat(Enumerable.Repeat("👋🏽", DisplayNames.MaxPersonNameLength));

        Assert.True(DisplayNames.CheckPersonName(name).IsValid);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("   ", "required")]
    [InlineData("Ada\u202Eevil", "not allowed")]
    [InlineData("Ada\u0000", "not allowed")]
    [InlineData("Ada\nLovelace", "not allowed")]
    public void Empty_names_and_control_characters_are_refused(string? input, string message)
    {
        var check = DisplayNames.CheckPersonName(input);

        Assert.False(check.IsValid);
        Assert.Contains(message, check.Error);
    }

    [Theory]
    [InlineData(41)]
    [InlineData(200)]
    [InlineData(10_000)]
    public void Long_names_are_refused_with_the_limit(int length)
    {
        var check = DisplayNames.CheckPersonName(new string('a', length));

        Assert.False(check.IsValid);
        Assert.Equal("Display name must be at most 40 characters.", check.Error);
    }

    [Fact]
    public void Room_descriptions_may_be_empty_and_multiline()
    {
        Assert.True(DisplayNames.CheckRoomDescription(null).IsValid);
        Assert.True(DisplayNames.CheckRoomDescription("line one\nline two").IsValid);
        Assert.False(DisplayNames.CheckRoomDescription(new string('x', 501)).IsValid);
    }
}
