using System.Globalization;

namespace CollabCanvas.Web.Versions;

/// <summary>One line of a version's recipe as shown to people ("Steps", "20").</summary>
/// <param name="Key">Stable name, for tests and for matching the same field of two versions.</param>
/// <param name="IsInput">Whether it shaped the image (a timing does not, so comparing it says nothing about the recipe).</param>
public sealed record RecipeField(string Key, string Label, string Value, bool IsInput = true);

/// <summary>
/// A version's recipe, apart from the prompts, as labelled text in one order, so the version view and the
/// comparison show the same fields formatted the same way (invariant culture: a recipe reads the same for everyone).
/// </summary>
public static class VersionRecipeFields
{
    public static IReadOnlyList<RecipeField> Of(VersionDetails version)
    {
        var parameters = version.Parameters;
        return
        [
            new("model", "Model", string.IsNullOrEmpty(version.ModelName) ? "none" : version.ModelName),
            new("fingerprint", "Model fingerprint", version.ModelFingerprint ?? "unknown"),
            new("scheduler", "Scheduler", version.Scheduler),
            new("steps", "Steps", parameters.Steps.ToString(CultureInfo.InvariantCulture)),
            new("guidance", "Guidance", parameters.Guidance.ToString("0.##", CultureInfo.InvariantCulture)),
            new("size", "Size", $"{version.Summary.Width} × {version.Summary.Height}"),
            new("strength", "Strength", parameters.Strength.ToString("0.##", CultureInfo.InvariantCulture)),
            new("seed", "Seed", version.Seed?.ToString(CultureInfo.InvariantCulture) ?? "unknown"),
            new("mask", "Mask", version.Strokes.Count switch { 0 => "none", 1 => "1 stroke", var n => $"{n} strokes" }),
            new("time", "Generation time", version.GenerationTime is { } time
                ? time.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
                : "unknown", IsInput: false),
        ];
    }
}
