using System.Text.Json;
using System.Text.Json.Serialization;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Web.Versions;

/// <summary>The JSON columns of a version row: written once at save, read back as the same records.</summary>
internal static class VersionJson
{
    // Enums as names, so a stored stroke still reads right if the enum's order ever changes.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static IReadOnlyList<AuthorSpan> ReadSpans(string json) => Read<List<AuthorSpan>>(json);

    public static IReadOnlyList<MaskStroke> ReadStrokes(string json) => Read<List<MaskStroke>>(json);

    public static IReadOnlyList<VersionContributor> ReadContributors(string json) => Read<List<VersionContributor>>(json);

    public static RoomParameters ReadParameters(string json) => Read<RoomParameters>(json);

    private static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"A version column holds no {typeof(T).Name}.");
}
