using System.Text.Json;

namespace CollabCanvas.Engine.Tokenization;

/// <summary>
/// What a Hugging Face CLIP tokenizer folder holds: <c>vocab.json</c> and <c>merges.txt</c> (required), and the
/// optional <c>tokenizer_config.json</c> / <c>special_tokens_map.json</c> that name special tokens and the maximum length.
/// </summary>
internal sealed record ClipTokenizerFiles(
    IReadOnlyDictionary<string, int> Vocabulary,
    IReadOnlyList<(string Left, string Right)> Merges,
    IReadOnlyDictionary<string, string> SpecialTokens,
    int? ModelMaxLength)
{
    public static ClipTokenizerFiles Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new TokenizerLoadException(directory, "Tokenizer folder not found");
        }

        var vocabulary = ReadVocabulary(Path.Combine(directory, "vocab.json"));
        var merges = ReadMerges(Path.Combine(directory, "merges.txt"));

        // Like transformers: tokenizer_config.json first, special_tokens_map.json overrides it.
        var specialTokens = new Dictionary<string, string>(StringComparer.Ordinal);
        int? maxLength = null;
        foreach (var name in new[] { "tokenizer_config.json", "special_tokens_map.json" })
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                continue;
            }

            using var document = ParseJson(path);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.EndsWith("_token", StringComparison.Ordinal) && TokenContent(property.Value) is { } content)
                {
                    specialTokens[property.Name] = content;
                }
                else if (property.Name == "model_max_length" && property.Value.ValueKind == JsonValueKind.Number
                         && property.Value.TryGetInt32(out var length))
                {
                    // Tokenizers without a limit store a huge sentinel (1e30) that TryGetInt32 rejects.
                    maxLength = length;
                }
            }
        }

        return new ClipTokenizerFiles(vocabulary, merges, specialTokens, maxLength);
    }

    /// <summary>A special token is written either as a string or as an AddedToken object with "content".</summary>
    private static string? TokenContent(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Object when value.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
            => content.GetString(),
        _ => null,
    };

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        using var document = ParseJson(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new TokenizerLoadException(path, "vocab.json must be a JSON object of token to id");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var id))
            {
                throw new TokenizerLoadException(path, $"Token '{property.Name}' has no integer id");
            }

            vocabulary[property.Name] = id;
        }

        return vocabulary;
    }

    private static List<(string, string)> ReadMerges(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenizerLoadException(path, "Cannot read merges.txt", e);
        }

        var merges = new List<(string, string)>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || (i == 0 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }

            var parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new TokenizerLoadException(path, $"Line {i + 1} of merges.txt is not a pair of symbols: '{line}'");
            }

            merges.Add((parts[0], parts[1]));
        }

        return merges;
    }

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenizerLoadException(path, $"Cannot read {Path.GetFileName(path)}", e);
        }
        catch (JsonException e)
        {
            throw new TokenizerLoadException(path, $"{Path.GetFileName(path)} is not valid JSON", e);
        }
    }
}
