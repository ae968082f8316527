using CollabCanvas.Engine.Tokenization;
using static CollabCanvas.Engine.Tests.Tokenization.TinyVocabulary;

namespace CollabCanvas.Engine.Tests.Tokenization;

/// <summary>Behaviour of <see cref="ClipTokenizer"/> on a handmade vocabulary whose ids the tests spell out.</summary>
public sealed class ClipTokenizerTests
{
    [Fact]
    public void Bpe_applies_merges_in_rank_order_and_marks_word_ends()
    {
        using var vocabulary = new TinyVocabulary();
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        Assert.Equal([CatEnd, AtEnd, T, AEnd], tokenizer.Encode("cat at ta"));
    }

    [Fact]
    public void Bpe_stops_where_no_merge_is_known()
    {
        using var vocabulary = new TinyVocabulary(merges: "#version: 0.2\na t</w>\n");
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        Assert.Equal([C, AtEnd], tokenizer.Encode("cat"));
    }

    [Fact]
    public void Special_token_ids_come_from_the_vocabulary()
    {
        using var vocabulary = new TinyVocabulary();
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        Assert.Equal(new ClipSpecialTokens(Bos: Bos, Eos: Eos, Pad: Eos, Unknown: Eos), tokenizer.SpecialTokens);
    }

    [Fact]
    public void Text_is_lower_cased_and_whitespace_collapsed()
    {
        using var vocabulary = new TinyVocabulary();
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        Assert.Equal(tokenizer.Encode("cat at"), tokenizer.Encode("  CAT \t\n  At  "));
    }

    [Fact]
    public void Html_entities_are_unescaped_twice()
    {
        using var vocabulary = new TinyVocabulary();
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        // "&amp;lt;" is "&lt;" escaped once more; both layers come off, leaving "<".
        Assert.Equal([AmpEnd, CatEnd, LtEnd], tokenizer.Encode("&amp; cat &amp;lt;"));
    }

    [Fact]
    public void Special_tokens_written_in_the_prompt_stay_whole()
    {
        using var vocabulary = new TinyVocabulary();
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        Assert.Equal([CatEnd, Eos], tokenizer.Encode("cat<|endoftext|>"));
    }

    [Fact]
    public void Text_encoder_input_is_bos_tokens_eos_then_padding_to_the_model_length()
    {
        using var vocabulary = new TinyVocabulary();
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        var input = tokenizer.EncodeForTextEncoder("cat at");

        Assert.Equal(77, input.Length);
        Assert.Equal([Bos, CatEnd, AtEnd, Eos], input[..4]);
        Assert.All(input[4..], id => Assert.Equal(Eos, id));
    }

    [Fact]
    public void Pad_token_and_max_length_come_from_tokenizer_config()
    {
        using var vocabulary = new TinyVocabulary(tokenizerConfig: new { pad_token = "!", model_max_length = 6 });
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        Assert.Equal([Bos, CatEnd, Eos, Bang, Bang, Bang], tokenizer.EncodeForTextEncoder("cat"));
    }

    [Fact]
    public void Special_tokens_map_overrides_tokenizer_config_and_accepts_added_token_objects()
    {
        using var vocabulary = new TinyVocabulary(
            tokenizerConfig: new { pad_token = "<|endoftext|>" },
            specialTokensMap: new { pad_token = new { content = "!", lstrip = false } });
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        Assert.Equal(Bang, tokenizer.SpecialTokens.Pad);
    }

    [Fact]
    public void Options_override_the_files()
    {
        using var vocabulary = new TinyVocabulary(tokenizerConfig: new { pad_token = "!", model_max_length = 6 });
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory, new ClipTokenizerOptions(ModelMaxLength: 5, PadToken: "<|endoftext|>"));

        Assert.Equal([Bos, CatEnd, Eos, Eos, Eos], tokenizer.EncodeForTextEncoder("cat"));
    }

    [Fact]
    public void Long_prompts_are_truncated_to_the_model_length_with_eos_last()
    {
        using var vocabulary = new TinyVocabulary(tokenizerConfig: new { model_max_length = 5 });
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        Assert.Equal([Bos, CatEnd, AtEnd, CEnd, Eos], tokenizer.EncodeForTextEncoder("cat at c a"));
    }

    [Fact]
    public void Long_prompts_split_into_windows_each_wrapped_and_padded()
    {
        using var vocabulary = new TinyVocabulary(tokenizerConfig: new { model_max_length = 5, pad_token = "!" });
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        var windows = tokenizer.EncodeWindows("cat at c a at cat a");

        Assert.Equal(3, windows.Count);
        Assert.Equal([Bos, CatEnd, AtEnd, CEnd, Eos], windows[0]);
        Assert.Equal([Bos, AEnd, AtEnd, CatEnd, Eos], windows[1]);
        Assert.Equal([Bos, AEnd, Eos, Bang, Bang], windows[2]);
    }

    [Fact]
    public void An_empty_prompt_is_one_window_of_bos_eos_and_padding()
    {
        using var vocabulary = new TinyVocabulary(tokenizerConfig: new { model_max_length = 4, pad_token = "!" });
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        var window = Assert.Single(tokenizer.EncodeWindows("   "));
        Assert.Equal([Bos, Eos, Bang, Bang], window);
    }

    [Fact]
    public void A_piece_missing_from_the_vocabulary_becomes_the_unknown_token()
    {
        using var vocabulary = new TinyVocabulary();
        var tokenizer = ClipTokenizer.FromDirectory(vocabulary.Directory);

        Assert.Equal([Eos], tokenizer.Encode("z"));
    }

    [Theory]
    [InlineData("vocab.json")]
    [InlineData("merges.txt")]
    public void A_missing_file_throws_naming_it(string file)
    {
        using var vocabulary = new TinyVocabulary();
        var path = Path.Combine(vocabulary.Directory, file);
        File.Delete(path);

        var error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.FromDirectory(vocabulary.Directory));
        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData("vocab.json", "{ not json")]
    [InlineData("vocab.json", "[1, 2]")]
    [InlineData("merges.txt", "#version: 0.2\nthree part line\n")]
    [InlineData("tokenizer_config.json", "{\"pad_token\": ")]
    public void A_corrupt_file_throws_naming_it(string file, string content)
    {
        using var vocabulary = new TinyVocabulary();
        var path = Path.Combine(vocabulary.Directory, file);
        File.WriteAllText(path, content);

        var error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.FromDirectory(vocabulary.Directory));
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_pad_token_missing_from_the_vocabulary_throws()
    {
        using var vocabulary = new TinyVocabulary(tokenizerConfig: new { pad_token = "<pad>" });

        var error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.FromDirectory(vocabulary.Directory));
        Assert.Contains("<pad>", error.Message);
    }

    [Fact]
    public void A_missing_folder_throws()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cc-no-such-tokenizer-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.FromDirectory(missing));
        Assert.Equal(missing, error.Path);
    }
}
