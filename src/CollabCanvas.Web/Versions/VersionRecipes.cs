using CollabCanvas.Data.Entities;
using CollabCanvas.Data.Provenance;

namespace CollabCanvas.Web.Versions;

/// <summary>Turns a saved version into the recipe its PNG chunks and JSON sidecar carry.</summary>
internal static class VersionRecipes
{
    public static GenerationRecipe From(RoomVersion version)
    {
        var parameters = VersionJson.ReadParameters(version.ParametersJson);
        var sampler = A1111SamplerNames.For(version.Scheduler);
        var contributors = VersionJson.ReadContributors(version.ContributorsJson)
            .Select(credit => new Contributor(credit.Name, RolesOf(credit)))
            .ToList();

        // Strength only changes an image when there was one to start from (a painted mask on the last result).
        var strokes = VersionJson.ReadStrokes(version.StrokesJson);
        return new GenerationRecipe(
            version.Prompt,
            version.NegativePrompt,
            parameters.Steps,
            sampler.Sampler,
            sampler.ScheduleType,
            parameters.Guidance,
            // A1111 writes -1 for "random"; an unknown seed must not pose as a real one.
            version.Seed ?? -1,
            version.Width,
            version.Height,
            version.ModelName,
            version.ModelFingerprint ?? "",
            strokes.Count > 0 ? parameters.Strength : null,
            contributors);
    }

    private static ContributorRoles RolesOf(VersionContributor credit) =>
        (credit.PromptCharacters > 0 || credit.NegativePromptCharacters > 0 ? ContributorRoles.PromptWriter : ContributorRoles.None)
        | (credit.MaskStrokes > 0 ? ContributorRoles.MaskPainter : ContributorRoles.None)
        | (credit.Ran ? ContributorRoles.Runner : ContributorRoles.None)
        | (credit.Saved ? ContributorRoles.Saver : ContributorRoles.None);
}
