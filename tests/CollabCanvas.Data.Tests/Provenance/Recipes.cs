using CollabCanvas.Data.Provenance;

namespace CollabCanvas.Data.Tests.Provenance;

/// <summary>Test-data builder for recipes: a plausible default, changed with <c>with</c>.</summary>
internal static class Recipes
{
    public static GenerationRecipe Default() => new(
        Prompt: "a lighthouse at dusk, (oil painting:1.2), \"dramatic\" sky",
        NegativePrompt: "blurry, lowres",
        Steps: 20,
        Sampler: "DPM++ 2M",
        ScheduleType: "Karras",
        CfgScale: 7.5,
        Seed: 3_141_592_653,
        Width: 512,
        Height: 768,
        ModelName: "sd15-onnx",
        ModelHash: "6ce0161689b3853acaa03779ec93eafe75a02f4ced659bee03f50797806fa2fa",
        DenoisingStrength: null,
        Contributors:
        [
            new Contributor("Ada", ContributorRoles.PromptWriter | ContributorRoles.Runner),
            new Contributor("Grace Hopper", ContributorRoles.PromptWriter | ContributorRoles.MaskPainter | ContributorRoles.Saver),
        ]);
}
