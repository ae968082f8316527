namespace CollabCanvas.Engine.Tokenization;

/// <summary>Ids of the special tokens, resolved against the vocabulary when the tokenizer is loaded.</summary>
/// <param name="Bos">Start of text (<c>&lt;|startoftext|&gt;</c> in OpenAI's vocabulary).</param>
/// <param name="Eos">End of text (<c>&lt;|endoftext|&gt;</c>).</param>
/// <param name="Pad">Padding after EOS.</param>
/// <param name="Unknown">Stands in for a BPE piece the vocabulary lacks (only possible with a reduced vocabulary).</param>
public sealed record ClipSpecialTokens(int Bos, int Eos, int Pad, int Unknown);
