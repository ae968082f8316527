using System.Text.Json;
using CollabCanvas.Data.Provenance;

namespace CollabCanvas.Data.Tests.Provenance;

public sealed class RecipeSidecarTests
{
    [Fact]
    public void A_recipe_reads_back_from_its_sidecar_equal()
    {
        var recipe = Recipes.Default() with { DenoisingStrength = 0.45, Prompt = "猫 🐈\n\"quoted\", commas" };

        Assert.Equal(recipe, RecipeSidecar.Deserialize(RecipeSidecar.Serialize(recipe)));
    }

    [Fact]
    public void The_sidecar_is_camel_case_json_with_a_version_the_source_type_and_role_words()
    {
        var json = RecipeSidecar.Serialize(Recipes.Default());

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", root.GetProperty("digitalSourceType").GetString());
        var recipe = root.GetProperty("recipe");
        Assert.Equal(3_141_592_653, recipe.GetProperty("seed").GetInt64());
        Assert.Equal("Karras", recipe.GetProperty("scheduleType").GetString());
        var grace = recipe.GetProperty("contributors")[1];
        Assert.Equal("Grace Hopper", grace.GetProperty("name").GetString());
        Assert.Equal("promptWriter, maskPainter, saver", grace.GetProperty("roles").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"formatVersion":2,"digitalSourceType":"x","recipe":null}""")]
    [InlineData("""{"formatVersion":1,"digitalSourceType":"x","recipe":{"prompt":"a"}}""")]
    public void Anything_but_a_complete_version_1_sidecar_is_refused(string json)
    {
        Assert.Throws<FormatException>(() => RecipeSidecar.Deserialize(json));
    }
}
