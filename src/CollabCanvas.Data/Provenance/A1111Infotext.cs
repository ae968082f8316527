using System.Globalization;

namespace CollabCanvas.Data.Provenance;

/// <summary>
/// Writes a recipe as AUTOMATIC1111's infotext, the text of the PNG <c>parameters</c> chunk that its PNG Info tab
/// and most galleries read:
/// <code>
/// a lighthouse at dusk, (oil painting:1.2)
/// Negative prompt: blurry
/// Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 123, Size: 512x512, Model hash: …, Model: sd15, Denoising strength: 0.6
/// </code>
/// Field names and order follow A1111's <c>create_infotext</c> (processing.py); prompts are written raw, as A1111
/// does, and setting values holding a comma, colon or newline are JSON-quoted.
/// </summary>
/// <remarks>
/// The format has limits A1111 shares: its reader trims each prompt line, and a prompt line that starts with
/// "Negative prompt:" begins the negative prompt. <see cref="Format"/> writes what it is given; the parser
/// (<see cref="A1111InfotextParser"/>) reads it back exactly for any prompt without those.
/// </remarks>
public static class A1111Infotext
{
    public const string PngKeyword = "parameters";

    public static string Format(GenerationRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var settings = new (string Key, string? Value)[]
        {
            ("Steps", Number(recipe.Steps)),
            ("Sampler", recipe.Sampler),
            ("Schedule type", recipe.ScheduleType),
            ("CFG scale", Number(recipe.CfgScale)),
            ("Seed", Number(recipe.Seed)),
            ("Size", string.Create(CultureInfo.InvariantCulture, $"{recipe.Width}x{recipe.Height}")),
            ("Model hash", NullIfEmpty(recipe.ModelHash)),
            ("Model", NullIfEmpty(recipe.ModelName)),
            ("Denoising strength", recipe.DenoisingStrength is { } strength ? Number(strength) : null),
        };

        // A1111 writes a bare key when key and value are equal (flags set by extensions).
        var settingsLine = string.Join(", ", settings
            .Where(s => s.Value is not null)
            .Select(s => s.Key == s.Value ? s.Key : $"{s.Key}: {PythonJsonString.QuoteIfNeeded(s.Value!)}"));

        var negative = recipe.NegativePrompt.Length > 0 ? $"\nNegative prompt: {recipe.NegativePrompt}" : "";
        return $"{recipe.Prompt}{negative}\n{settingsLine}".Trim();
    }

    /// <summary>Shortest form that reads back to the same number: 7, 7.5, 0.6.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
