using System.Text.Json;

namespace CollabCanvas.Engine.Tests.Tokenization;

/// <summary>
/// A handmade CLIP-format tokenizer folder in a temp directory: single letters, a few merges that build
/// "cat</w>" and "at</w>", and the two special tokens. Ids are chosen by hand so tests can spell them out.
/// </summary>
internal sealed class TinyVocabulary : IDisposable
{
    public const int Bos = 100;
    public const int Eos = 101;
    public const int Bang = 0;       // "!"
    public const int C = 1;          // "c"
    public const int A = 2;          // "a"
    public const int T = 3;          // "t"
    public const int TEnd = 4;       // "t</w>"
    public const int AtEnd = 5;      // "at</w>"
    public const int CatEnd = 6;     // "cat</w>"
    public const int AEnd = 7;       // "a</w>"
    public const int AmpEnd = 8;     // "&</w>"
    public const int LtEnd = 9;      // "<</w>"
    public const int CEnd = 10;      // "c</w>"

    public TinyVocabulary(object? tokenizerConfig = null, object? specialTokensMap = null, string? merges = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "cc-tiny-vocab-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var vocabulary = new Dictionary<string, int>
        {
            ["!"] = Bang, ["c"] = C, ["a"] = A, ["t"] = T, ["t</w>"] = TEnd, ["at</w>"] = AtEnd,
            ["cat</w>"] = CatEnd, ["a</w>"] = AEnd, ["&</w>"] = AmpEnd, ["<</w>"] = LtEnd, ["c</w>"] = CEnd,
            ["<|startoftext|>"] = Bos, ["<|endoftext|>"] = Eos,
        };
        File.WriteAllText(Path.Combine(Directory, "vocab.json"), JsonSerializer.Serialize(vocabulary));
        File.WriteAllText(Path.Combine(Directory, "merges.txt"), merges ?? "#version: 0.2\na t</w>\nc at</w>\n");
        if (tokenizerConfig is not null)
        {
            File.WriteAllText(Path.Combine(Directory, "tokenizer_config.json"), JsonSerializer.Serialize(tokenizerConfig));
        }

        if (specialTokensMap is not null)
        {
            File.WriteAllText(Path.Combine(Directory, "special_tokens_map.json"), JsonSerializer.Serialize(specialTokensMap));
        }
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
