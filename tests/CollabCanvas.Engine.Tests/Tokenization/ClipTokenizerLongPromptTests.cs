using CollabCanvas.Engine.Tokenization;

namespace CollabCanvas.Engine.Tests.Tokenization;

/// <summary>Windows and truncation with the real 77-token CLIP vocabulary.</summary>
public sealed class ClipTokenizerLongPromptTests
{
    [Fact]
    public void Eighty_words_make_two_windows_of_77_split_after_75_tokens()
    {
        var tokenizer = SharedData.ClipTokenizer;
        var words = Enumerable.Range(0, 80).Select(i => i % 2 == 0 ? "cat" : "dog").ToArray();
        var prompt = string.Join(' ', words);
        var ids = tokenizer.Encode(prompt);
        Assert.Equal(80, ids.Count);

        var windows = tokenizer.EncodeWindows(prompt);

        Assert.Equal(2, windows.Count);
        Assert.All(windows, w => Assert.Equal(77, w.Length));
        Assert.Equal(ids.Take(75), windows[0][1..76]);
        Assert.Equal(ids.Skip(75), windows[1][1..6]);
        Assert.Equal(tokenizer.SpecialTokens.Eos, windows[1][6]);
        Assert.Equal(tokenizer.EncodeForTextEncoder(prompt), windows[0]);
    }
}
