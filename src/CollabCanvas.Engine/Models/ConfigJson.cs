using System.Text.Json;

namespace CollabCanvas.Engine.Models;

/// <summary>Reads the few values the engine needs from diffusers' <c>config.json</c> files.</summary>
internal sealed class ConfigJson
{
    private readonly JsonElement _root;

    private ConfigJson(JsonElement root) => _root = root;

    /// <summary>Parses a config file; null when the file does not exist. Throws <see cref="InvalidDataException"/> when it is not a JSON object.</summary>
    public static ConfigJson? TryLoad(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} is not a JSON object");
            }

            return new ConfigJson(document.RootElement.Clone());
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {exception.Message}", exception);
        }
    }

    public int? Int(string name) =>
        _root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    public float? Float(string name) =>
        _root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetSingle() : null;

    public string? String(string name) =>
        _root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Length of an array property (e.g. <c>block_out_channels</c>), null when absent.</summary>
    public int? ArrayLength(string name) =>
        _root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : null;

    /// <summary><c>sample_size</c> is either one number or [height, width].</summary>
    public (int Height, int Width)? SizePair(string name)
    {
        if (!_root.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var square))
        {
            return (square, square);
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2)
        {
            return (value[0].GetInt32(), value[1].GetInt32());
        }

        return null;
    }
}
