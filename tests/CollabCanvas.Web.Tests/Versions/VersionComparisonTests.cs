using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Versions;
using static CollabCanvas.Web.Tests.Versions.VersionSamples;

namespace CollabCanvas.Web.Tests.Versions;

public sealed class VersionComparisonTests
{
    [Fact]
    public void Only_the_fields_that_differ_are_changed_and_timings_are_not_compared()
    {
        var left = Details(Summary("First", 0), parameters: RoomParameters.Default with { Steps = 20, Guidance = 7.5 }, seed: 42);
        var right = Details(Summary("Second", 5), parameters: RoomParameters.Default with { Steps = 30, Guidance = 7.5 }, seed: 7, strokes: 2)
            with { GenerationTime = TimeSpan.FromSeconds(9) };

        var comparison = VersionComparison.Of(left, right);

        Assert.Equal(["steps", "seed", "mask"], comparison.ChangedFields.Select(field => field.Key));
        var steps = comparison.Fields.Single(field => field.Key == "steps");
        Assert.Equal(("20", "30"), (steps.Left, steps.Right));
        Assert.False(comparison.Fields.Single(field => field.Key == "guidance").Changed);
        Assert.DoesNotContain(comparison.Fields, field => field.Key == "time");
        Assert.False(comparison.PromptChanged);
        Assert.False(comparison.NegativePromptChanged);
    }

    [Fact]
    public void Prompts_are_diffed_word_by_word_and_authorship_alone_is_no_change()
    {
        var left = Details(Summary("First", 0), prompt: Prompt("a red ", "fox"), negative: "blurry");
        var right = Details(Summary("Second", 5), prompt: Prompt("a red fox", " at dawn"), negative: "blurry, dark");

        var comparison = VersionComparison.Of(left, right);

        Assert.True(comparison.PromptChanged);
        Assert.Equal([new(DiffKind.Same, "a red fox"), new DiffPiece(DiffKind.Added, " at dawn")], comparison.Prompt);
        Assert.True(comparison.NegativePromptChanged);
        Assert.Equal([new(DiffKind.Same, "blurry"), new DiffPiece(DiffKind.Added, ", dark")], comparison.NegativePrompt);
        Assert.Empty(comparison.ChangedFields);

        var sameWordsOtherAuthors = VersionComparison.Of(left, Details(Summary("Third", 9), prompt: Prompt("", "a red fox"), negative: "blurry"));
        Assert.False(sameWordsOtherAuthors.PromptChanged);
    }

    [Fact]
    public void A_version_compared_with_itself_has_no_differences()
    {
        var version = Details(Summary("Only", 0), negative: "dark", strokes: 1);

        var comparison = VersionComparison.Of(version, version);

        Assert.Empty(comparison.ChangedFields);
        Assert.False(comparison.PromptChanged || comparison.NegativePromptChanged);
        Assert.Equal(VersionRecipeFields.Of(version).Count(field => field.IsInput), comparison.Fields.Count);
    }

    [Fact]
    public void Recipe_fields_read_the_same_in_every_culture_and_say_when_the_seed_is_unknown()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var fields = VersionRecipeFields.Of(Details(Summary("x", 0), parameters: RoomParameters.Default with { Guidance = 7.5, Strength = 0.35 }, seed: null))
                .ToDictionary(field => field.Key, field => field.Value);

            Assert.Equal("7.5", fields["guidance"]);
            Assert.Equal("0.35", fields["strength"]);
            Assert.Equal("unknown", fields["seed"]);
            Assert.Equal("64 × 64", fields["size"]);
            Assert.Equal("1.2 s", fields["time"]);
            Assert.Equal("sha256:abc", fields["fingerprint"]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
