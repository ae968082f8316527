using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollabCanvas.Data.Provenance;

/// <summary>
/// The JSON file saved beside a downloaded or exported PNG: the whole recipe and its contributors, for tools that
/// do not read PNG chunks. Field names are camelCase, roles are words ("promptWriter, saver").
/// </summary>
public static class RecipeSidecar
{
    /// <summary>Bumped when a field changes meaning, so readers of old exports can tell.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A sidecar missing a field, or with null where the recipe has none, is refused rather than half-read.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // Prompts are written as typed (accents, emoji); the file is UTF-8, not embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(GenerationRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return JsonSerializer.Serialize(new SidecarDocument(FormatVersion, XmpNames.TrainedAlgorithmicMedia, recipe), Options);
    }

    /// <exception cref="FormatException">Not a sidecar of a version this code reads.</exception>
    public static GenerationRecipe Deserialize(string json)
    {
        SidecarDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SidecarDocument>(json, Options);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Not a recipe sidecar: {exception.Message}", exception);
        }

        if (document?.Recipe is null || document.FormatVersion != FormatVersion)
        {
            throw new FormatException($"Not a version {FormatVersion} recipe sidecar.");
        }

        return document.Recipe;
    }

    private sealed record SidecarDocument(int FormatVersion, string DigitalSourceType, GenerationRecipe Recipe);
}
