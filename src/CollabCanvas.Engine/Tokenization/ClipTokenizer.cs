namespace CollabCanvas.Engine.Tokenization;

/// <summary>
/// The CLIP BPE tokenizer of Stable Diffusion's text encoder, reading any CLIP-format vocabulary folder
/// (<c>vocab.json</c>, <c>merges.txt</c>, optionally <c>tokenizer_config.json</c> / <c>special_tokens_map.json</c>).
/// Matches OpenAI's simple_tokenizer / transformers' CLIPTokenizer except for ftfy's Unicode repairs.
/// Safe to share between threads.
/// </summary>
public sealed class ClipTokenizer
{
    private const string StartOfText = "<|startoftext|>";
    private const string EndOfText = "<|endoftext|>";
    private const int ClipMaxLength = 77;

    private readonly BytePairEncoder _encoder;

    private ClipTokenizer(BytePairEncoder encoder, ClipSpecialTokens specialTokens, int modelMaxLength)
    {
        _encoder = encoder;
        SpecialTokens = specialTokens;
        ModelMaxLength = modelMaxLength;
    }

    /// <summary>Ids of BOS, EOS, padding and unknown, as resolved from the folder's files.</summary>
    public ClipSpecialTokens SpecialTokens { get; }

    /// <summary>Length of every sequence given to the text encoder, BOS and EOS included (77 for CLIP).</summary>
    public int ModelMaxLength { get; }

    /// <summary>How many prompt tokens fit between BOS and EOS in one sequence (75 for CLIP).</summary>
    public int TokensPerWindow => ModelMaxLength - 2;

    /// <summary>Loads a tokenizer folder. Throws <see cref="TokenizerLoadException"/> naming the file at fault.</summary>
    public static ClipTokenizer FromDirectory(string directory, ClipTokenizerOptions? options = null)
    {
        options ??= new ClipTokenizerOptions();
        var files = ClipTokenizerFiles.Read(directory);
        var vocabularyPath = Path.Combine(directory, "vocab.json");

        int Resolve(string role, string? token)
        {
            if (token is null || !files.Vocabulary.TryGetValue(token, out var id))
            {
                throw new TokenizerLoadException(vocabularyPath, $"The vocabulary has no {role} token '{token}'");
            }

            return id;
        }

        string? Named(string key) => files.SpecialTokens.GetValueOrDefault(key);

        var bosToken = Named("bos_token") ?? StartOfText;
        var eosToken = Named("eos_token") ?? EndOfText;
        var specialTokens = new ClipSpecialTokens(
            Bos: Resolve("start-of-text", bosToken),
            Eos: Resolve("end-of-text", eosToken),
            // CLIPTokenizer's own default pad token is the end-of-text token (what SD 1.x uses).
            Pad: Resolve("padding", options.PadToken ?? Named("pad_token") ?? eosToken),
            Unknown: Resolve("unknown", Named("unk_token") ?? eosToken));

        var maxLength = options.ModelMaxLength ?? files.ModelMaxLength ?? ClipMaxLength;
        if (maxLength < 3)
        {
            throw new TokenizerLoadException(directory, $"model_max_length {maxLength} leaves no room for a prompt");
        }

        var wholeTokens = new[] { bosToken, eosToken }.Distinct(StringComparer.Ordinal);
        var encoder = new BytePairEncoder(files.Vocabulary, files.Merges, wholeTokens, specialTokens.Unknown);
        return new ClipTokenizer(encoder, specialTokens, maxLength);
    }

    /// <summary>Token ids of a prompt, without BOS/EOS, without truncation or padding.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        foreach (var word in ClipPreTokenizer.Split(ClipTextNormalizer.Normalize(text)))
        {
            ids.AddRange(_encoder.Encode(word));
        }

        return ids;
    }

    /// <summary>
    /// One text-encoder input: BOS, the prompt's tokens truncated to <see cref="TokensPerWindow"/>, EOS, then
    /// padding up to <see cref="ModelMaxLength"/>. What diffusers feeds the encoder.
    /// </summary>
    public int[] EncodeForTextEncoder(string text) => Wrap(Encode(text).Take(TokensPerWindow).ToList());

    /// <summary>
    /// A prompt of any length as consecutive windows of <see cref="TokensPerWindow"/> tokens, each wrapped
    /// BOS…EOS and padded to <see cref="ModelMaxLength"/> (AUTOMATIC1111's long-prompt behaviour). Run the text
    /// encoder once per window and concatenate the hidden states along the sequence axis.
    /// An empty prompt gives one window.
    /// </summary>
    public IReadOnlyList<int[]> EncodeWindows(string text)
    {
        var ids = Encode(text);
        var windows = ids.Chunk(TokensPerWindow).Select(chunk => Wrap(chunk)).ToList();
        return windows.Count == 0 ? [Wrap([])] : windows;
    }

    private int[] Wrap(IReadOnlyCollection<int> tokens)
    {
        var sequence = new int[ModelMaxLength];
        Array.Fill(sequence, SpecialTokens.Pad);
        sequence[0] = SpecialTokens.Bos;
        var position = 1;
        foreach (var id in tokens)
        {
            sequence[position++] = id;
        }

        sequence[position] = SpecialTokens.Eos;
        return sequence;
    }
}
