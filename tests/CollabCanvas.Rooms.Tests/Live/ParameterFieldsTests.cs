using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Rooms.Tests.Live;

public sealed class ParameterFieldsTests
{
    [Fact]
    public void Lists_exactly_the_fields_that_differ_by_the_names_parameter_changes_use()
    {
        var before = RoomParameters.Default;
        var after = before with { Steps = 9, Seed = 3, Model = "tiny" };

        Assert.Equal(new[] { "Model", "Seed", "Steps" }, ParameterFields.Changed(before, after).Order(StringComparer.Ordinal));
        Assert.Empty(ParameterFields.Changed(after, after with { }));
        var (_, changedByChange) = new ParameterChange(Steps: 9, Seed: 3, Model: "tiny").ApplyTo(before);
        Assert.Equal(changedByChange.Order(StringComparer.Ordinal), ParameterFields.Changed(before, after).Order(StringComparer.Ordinal));
    }
}
