using CollabCanvas.Data.Provenance;

namespace CollabCanvas.Data.Tests.Provenance;

public sealed class A1111InfotextTests
{
    [Fact]
    public void A_recipe_is_written_in_A1111_field_order_with_raw_prompts()
    {
        var text = A1111Infotext.Format(Recipes.Default());

        Assert.Equal(
            "a lighthouse at dusk, (oil painting:1.2), \"dramatic\" sky\n" +
            "Negative prompt: blurry, lowres\n" +
            "Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.5, Seed: 3141592653, Size: 512x768, " +
            "Model hash: 6ce0161689b3853acaa03779ec93eafe75a02f4ced659bee03f50797806fa2fa, Model: sd15-onnx",
            text);
    }

    [Fact]
    public void Img2img_adds_denoising_strength_after_the_model_and_whole_numbers_have_no_decimals()
    {
        var recipe = Recipes.Default() with
        {
            Sampler = "Euler a", ScheduleType = null, CfgScale = 7, Seed = 123, Width = 512, Height = 512,
            ModelHash = "abcd1234", ModelName = "name", DenoisingStrength = 0.6,
        };

        var lastLine = A1111Infotext.Format(recipe).Split('\n')[^1];

        Assert.Equal("Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 123, Size: 512x512, Model hash: abcd1234, Model: name, Denoising strength: 0.6", lastLine);
    }

    [Fact]
    public void Without_a_negative_prompt_there_is_no_negative_prompt_line()
    {
        var text = A1111Infotext.Format(Recipes.Default() with { NegativePrompt = "" });

        Assert.Equal(2, text.Split('\n').Length);
        Assert.DoesNotContain("Negative prompt:", text);
    }

    [Fact]
    public void Setting_values_with_commas_colons_quotes_or_newlines_are_json_quoted_like_python()
    {
        var recipe = Recipes.Default() with { ModelName = "my \"best\" model, v2: final\\\n\u0001" };

        var lastLine = A1111Infotext.Format(recipe).Split('\n')[^1];

        Assert.EndsWith("Model: \"my \\\"best\\\" model, v2: final\\\\\\n\\u0001\"", lastLine);
    }

    [Fact]
    public void A1111s_own_example_parses_into_prompts_and_settings()
    {
        const string infotext =
            "portrait of a fox, detailed fur, ((golden hour)), by a river\n" +
            "Negative prompt: ugly, (deformed), [blurry]\n" +
            "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x640, Model hash: 45dee52b, Clip skip: 2";

        var parsed = A1111InfotextParser.Parse(infotext);

        Assert.Equal("portrait of a fox, detailed fur, ((golden hour)), by a river", parsed.Prompt);
        Assert.Equal("ugly, (deformed), [blurry]", parsed.NegativePrompt);
        Assert.Equal("Euler a", parsed.Settings["Sampler"]);
        Assert.Equal("512x640", parsed.Settings["Size"]);
        Assert.Equal("2", parsed.Settings["Clip skip"]);
        Assert.Equal(7, parsed.Settings.Count);
    }

    [Fact]
    public void Multi_line_prompts_keep_their_inner_lines()
    {
        var recipe = Recipes.Default() with
        {
            Prompt = "line one, with commas\n\n(line three:1.1), \"quoted\"",
            NegativePrompt = "neg one\nneg: two, still negative",
        };

        var parsed = A1111InfotextParser.ParseRecipe(A1111Infotext.Format(recipe), recipe.Contributors);

        Assert.Equal(recipe, parsed);
    }

    [Fact]
    public void A_last_line_with_fewer_than_three_settings_is_part_of_the_prompt()
    {
        var parsed = A1111InfotextParser.Parse("a cat\nstyle: watercolor, mood: calm");

        Assert.Equal("a cat\nstyle: watercolor, mood: calm", parsed.Prompt);
        Assert.Empty(parsed.Settings);
    }

    [Fact]
    public void An_empty_prompt_with_a_negative_prompt_reads_back_empty()
    {
        var recipe = Recipes.Default() with { Prompt = "" };

        Assert.Equal(recipe, A1111InfotextParser.ParseRecipe(A1111Infotext.Format(recipe), recipe.Contributors));
    }

    public static TheoryData<string, string, string> AwkwardValues() => new()
    {
        { "Model", "a, b", "\"a, b\"" },
        { "Model", "x: y", "\"x: y\"" },
        { "Model", "back\\slash, \"q\"", "\"back\\\\slash, \\\"q\\\"\"" },
        { "Model", "tab\there, ok", "\"tab\\there, ok\"" },
        { "Model", "東京, 🐈", "\"東京, 🐈\"" },
    };

    [Theory]
    [MemberData(nameof(AwkwardValues))]
    public void Quoted_values_read_back_exactly(string key, string value, string written)
    {
        var recipe = Recipes.Default() with { ModelName = value };
        var text = A1111Infotext.Format(recipe);

        Assert.Contains($"{key}: {written}", text);
        Assert.Equal(value, A1111InfotextParser.Parse(text).Settings[key]);
    }

    public static TheoryData<GenerationRecipe> RoundTripRecipes() =>
    [
        Recipes.Default(),
        Recipes.Default() with { NegativePrompt = "", ScheduleType = null, DenoisingStrength = 0.35 },
        Recipes.Default() with { Prompt = "猫 🐈, \"quoted\", key: value, another: one, third: x", Seed = 0, CfgScale = 1 },
        Recipes.Default() with { ModelName = "weird, name: \"v1\"", Sampler = "Euler a", Steps = 1 },
        Recipes.Default() with { Prompt = "ends with a colon:", NegativePrompt = "(worst quality:1.4), 3 words: x, y" },
    ];

    [Theory]
    [MemberData(nameof(RoundTripRecipes))]
    public void Every_field_reads_back_unchanged(GenerationRecipe recipe)
    {
        var parsed = A1111InfotextParser.ParseRecipe(A1111Infotext.Format(recipe), recipe.Contributors);

        Assert.Equal(recipe, parsed);
    }

    [Theory]
    [InlineData("a cat\nSampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512", "Steps")]
    [InlineData("a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: big", "Size")]
    [InlineData("a cat\nSteps: many, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512", "Steps")]
    [InlineData("just a prompt", "Steps")]
    public void A_recipe_needs_its_core_settings(string infotext, string named)
    {
        var error = Assert.Throws<FormatException>(() => A1111InfotextParser.ParseRecipe(infotext, []));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Model_name_and_hash_may_be_absent_as_A1111_can_be_told_not_to_write_them()
    {
        var recipe = A1111InfotextParser.ParseRecipe("a cat\nSteps: 20, Sampler: Euler, CFG scale: 7.0, Seed: 1, Size: 640x480", []);

        Assert.Equal(("", "", 7.0, 640, 480), (recipe.ModelName, recipe.ModelHash, recipe.CfgScale, recipe.Width, recipe.Height));
    }

    [Theory]
    [InlineData("euler-a", "Euler a", null)]
    [InlineData("EulerAncestralDiscreteScheduler", "Euler a", null)]
    [InlineData("dpmpp-2m-karras", "DPM++ 2M", "Karras")]
    [InlineData("dpmpp-2m", "DPM++ 2M", null)]
    [InlineData("pndm", "PLMS", null)]
    [InlineData("lms", "LMS", null)]
    [InlineData("ddim", "DDIM", null)]
    [InlineData("lcm", "LCM", null)]
    [InlineData("some-new-one", "some-new-one", null)]
    public void Engine_scheduler_names_map_to_A1111_sampler_labels(string engineName, string sampler, string? scheduleType)
    {
        Assert.Equal(new A1111Sampler(sampler, scheduleType), A1111SamplerNames.For(engineName));
    }
}
