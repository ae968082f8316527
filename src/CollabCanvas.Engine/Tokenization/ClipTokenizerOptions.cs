namespace CollabCanvas.Engine.Tokenization;

/// <summary>
/// Overrides for what a tokenizer folder says. Anything left null is taken from
/// <c>tokenizer_config.json</c> / <c>special_tokens_map.json</c>, or from CLIP's defaults when those files are absent.
/// </summary>
/// <param name="ModelMaxLength">Sequence length of the text encoder, BOS and EOS included (CLIP: 77).</param>
/// <param name="PadToken">Token used for padding (SD 1.x pads with <c>&lt;|endoftext|&gt;</c>, SD 2.x with <c>!</c>).</param>
public sealed record ClipTokenizerOptions(int? ModelMaxLength = null, string? PadToken = null);
