using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Versions;

/// <summary>Turns a saved version into the recipe the room takes back when someone restores it.</summary>
internal static class VersionRestore
{
    /// <summary>
    /// The version's recipe with what actually ran filled in where the room had left it open (model, scheduler,
    /// seed), so generating right after a restore makes the same image again. Strokes go back on a canvas the size
    /// of the version's image: inpainting keeps the size of the image it paints on.
    /// </summary>
    public static RestoredRecipe RecipeOf(VersionDetails version)
    {
        var parameters = version.Parameters with
        {
            Model = version.Parameters.Model ?? NullIfEmpty(version.ModelName),
            Scheduler = version.Parameters.Scheduler ?? NullIfEmpty(version.Scheduler),
            Seed = version.Seed is >= int.MinValue and <= int.MaxValue ? (int)version.Seed.Value : version.Parameters.Seed,
        };
        return new RestoredRecipe(
            version.Summary.Id,
            version.Summary.Title,
            version.Prompt,
            version.NegativePrompt,
            parameters,
            version.Strokes,
            version.Summary.Width,
            version.Summary.Height);
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrEmpty(text) ? null : text;
}
