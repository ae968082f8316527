using System.Globalization;
using System.Text.RegularExpressions;

namespace CollabCanvas.Data.Provenance;

/// <summary>
/// Reads AUTOMATIC1111 infotext (the PNG <c>parameters</c> chunk) the way its <c>parse_generation_parameters</c>
/// does: the last line holds the settings if it has at least three "Key: value" pairs; lines before it are the
/// prompt until one starts with "Negative prompt:".
/// </summary>
public static partial class A1111InfotextParser
{
    private const string NegativePromptLabel = "Negative prompt:";

    // A1111's re_param: a key of word characters, spaces, hyphens and slashes, then a JSON-quoted or bare value.
    [GeneratedRegex("""\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)""", RegexOptions.CultureInvariant)]
    private static partial Regex SettingPattern();

    [GeneratedRegex("""^(\d+)x(\d+)$""", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    public static InfotextParameters Parse(string infotext)
    {
        ArgumentNullException.ThrowIfNull(infotext);
        var lines = infotext.Trim().Split('\n').ToList();
        var lastLine = lines[^1];
        lines.RemoveAt(lines.Count - 1);
        if (SettingPattern().Matches(lastLine).Count < 3)
        {
            lines.Add(lastLine);
            lastLine = "";
        }

        var prompt = new List<string>();
        var negative = new List<string>();
        var inNegative = false;
        foreach (var rawLine in lines)
        {
            var line = rawLine.Trim();
            if (line.StartsWith(NegativePromptLabel, StringComparison.Ordinal))
            {
                inNegative = true;
                line = line[NegativePromptLabel.Length..].Trim();
            }

            (inNegative ? negative : prompt).Add(line);
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in SettingPattern().Matches(lastLine))
        {
            var value = match.Groups[2].Value;
            settings[match.Groups[1].Value] = value.Length > 0 && value[0] == '"' && value[^1] == '"'
                ? PythonJsonString.Unquote(value)
                : value;
        }

        return new InfotextParameters(JoinPromptLines(prompt), JoinPromptLines(negative), settings);
    }

    /// <summary>
    /// The recipe an infotext describes, with <paramref name="contributors"/> (which infotext does not carry; they come
    /// from the XMP). Model name and hash may be absent (A1111 can be set not to write them) and read as "".
    /// </summary>
    /// <exception cref="FormatException">Steps, Sampler, CFG scale, Seed or Size is missing or not a number.</exception>
    public static GenerationRecipe ParseRecipe(string infotext, IReadOnlyList<Contributor> contributors)
    {
        var parsed = Parse(infotext);
        var settings = parsed.Settings;
        var steps = ParseInt(Required(settings, "Steps"), "Steps");
        var sampler = Required(settings, "Sampler");
        var cfgScale = ParseDouble(Required(settings, "CFG scale"), "CFG scale");
        var seedText = Required(settings, "Seed");
        var seed = long.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Infotext Seed '{seedText}' is not a whole number.");
        var sizeText = Required(settings, "Size");
        var size = SizePattern().Match(sizeText);
        if (!size.Success)
        {
            throw new FormatException($"Infotext Size '{sizeText}' is not WIDTHxHEIGHT.");
        }

        return new GenerationRecipe(
            Prompt: parsed.Prompt,
            NegativePrompt: parsed.NegativePrompt,
            Steps: steps,
            Sampler: sampler,
            ScheduleType: settings.GetValueOrDefault("Schedule type"),
            CfgScale: cfgScale,
            Seed: seed,
            Width: ParseInt(size.Groups[1].Value, "Size"),
            Height: ParseInt(size.Groups[2].Value, "Size"),
            ModelName: settings.GetValueOrDefault("Model", ""),
            ModelHash: settings.GetValueOrDefault("Model hash", ""),
            DenoisingStrength: settings.TryGetValue("Denoising strength", out var strength) ? ParseDouble(strength, "Denoising strength") : null,
            Contributors: contributors);
    }

    // A1111 joins the trimmed lines with "\n", dropping empty lines only before the first non-empty one.
    private static string JoinPromptLines(List<string> lines) =>
        string.Join('\n', lines.SkipWhile(line => line.Length == 0));

    private static string Required(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) ? value : throw new FormatException($"Infotext has no '{key}' setting.");

    private static int ParseInt(string text, string key) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Infotext {key} '{text}' is not a whole number.");

    private static double ParseDouble(string text, string key) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Infotext {key} '{text}' is not a number.");
}
