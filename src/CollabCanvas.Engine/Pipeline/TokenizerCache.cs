using System.Collections.Concurrent;
using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Tokenization;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>One tokenizer per model version, loaded on first use (reading a 49k-entry vocabulary takes a while).</summary>
internal sealed class TokenizerCache
{
    private readonly ConcurrentDictionary<(string Root, string Fingerprint), Lazy<ClipTokenizer>> _tokenizers = new();

    /// <exception cref="TokenizerLoadException">The model's tokenizer folder cannot be used (not cached, so a fix is seen).</exception>
    public ClipTokenizer For(ModelEntry model) =>
        _tokenizers.GetOrAdd((model.Paths.Root, model.Fingerprint), _ => new Lazy<ClipTokenizer>(
            () => ClipTokenizer.FromDirectory(model.Paths.TokenizerFolder), LazyThreadSafetyMode.PublicationOnly)).Value;
}
