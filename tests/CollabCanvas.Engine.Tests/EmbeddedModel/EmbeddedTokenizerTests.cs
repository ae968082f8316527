using System.Text.Json;
using CollabCanvas.Engine.Tokenization;

namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>
/// The embedded model's vocabulary was learnt by tools/train-embedded-model/clip_bpe.py; the engine must cut prompts
/// the way training did, or the text encoder sees tokens it never learnt.
/// </summary>
public sealed class EmbeddedTokenizerTests
{
    private static readonly string Folder = Path.Combine(EmbeddedModelFolder.ModelsRoot, EmbeddedModelFolder.Name, "tokenizer");

    [Theory]
    [InlineData("red heart", new[] { "red</w>", "heart</w>" })]
    [InlineData("Blue  HEART", new[] { "blue</w>", "heart</w>" })]
    [InlineData("cat face, fluent flat style", new[] { "cat</w>", "face</w>", ",</w>", "fluent</w>", "flat</w>", "style</w>" })]
    public void Caption_words_are_whole_learnt_tokens_between_start_and_end(string prompt, string[] pieces)
    {
        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(Folder, "vocab.json")))!;
        var tokenizer = ClipTokenizer.FromDirectory(Folder);

        var ids = tokenizer.EncodeForTextEncoder(prompt);

        var eos = vocabulary["<|endoftext|>"];
        var expected = new[] { vocabulary["<|startoftext|>"] }.Concat(pieces.Select(p => vocabulary[p])).Append(eos).ToList();
        Assert.Equal(77, ids.Length);
        Assert.Equal(expected, ids.Take(expected.Count));
        // Training padded with <|endoftext|> (SD 1.x style); the pad ids are part of what the UNet attends to.
        Assert.All(ids.Skip(expected.Count), id => Assert.Equal(eos, id));
    }
}
