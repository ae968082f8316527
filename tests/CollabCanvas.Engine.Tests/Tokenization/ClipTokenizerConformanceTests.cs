using System.Text.Json;
using CollabCanvas.Engine.Tokenization;

namespace CollabCanvas.Engine.Tests.Tokenization;

/// <summary>
/// Replays OpenAI's reference token ids (<c>reference-vectors.jsonl</c>: text and ids with BOS/EOS, before
/// truncation and padding) against the real CLIP vocabulary. Each line is its own test case.
/// </summary>
public sealed class ClipTokenizerConformanceTests
{
    public static TheoryData<int, string, int[]> ReferenceVectors()
    {
        var path = SharedData.Resolve("CC_TOKENIZER_VECTORS", "../shared/clip-tokenizer/reference-vectors.jsonl");
        var data = new TheoryData<int, string, int[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var ids = root.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            data.Add(lineNumber, root.GetProperty("text").GetString()!, ids);
        }

        Assert.NotEmpty(data);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceVectors))]
    public void Ids_match_the_reference_tokenizer(int line, string text, int[] expected)
    {
        var tokenizer = SharedData.ClipTokenizer;
        var actual = new List<int> { tokenizer.SpecialTokens.Bos };
        actual.AddRange(tokenizer.Encode(text));
        actual.Add(tokenizer.SpecialTokens.Eos);

        Assert.True(expected.SequenceEqual(actual),
            $"line {line} '{text}': expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual)}]");
    }

    [Theory]
    [MemberData(nameof(ReferenceVectors))]
    public void Text_encoder_input_is_the_reference_ids_padded_with_eos(int line, string text, int[] expected)
    {
        var tokenizer = SharedData.ClipTokenizer;
        var input = tokenizer.EncodeForTextEncoder(text);

        Assert.Equal(77, input.Length);
        Assert.True(expected.Length <= 77, $"line {line} is longer than one window; the padding check needs a short one");
        Assert.Equal(expected, input.Take(expected.Length));
        Assert.All(input.Skip(expected.Length), id => Assert.Equal(tokenizer.SpecialTokens.Eos, id));
    }
}
