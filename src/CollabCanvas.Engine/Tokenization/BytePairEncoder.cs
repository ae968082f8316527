using System.Text;

namespace CollabCanvas.Engine.Tokenization;

/// <summary>
/// CLIP's byte-pair encoding of one pre-tokenized word into vocabulary ids. The last symbol of every word
/// carries the <c>&lt;/w&gt;</c> end-of-word marker, as in the CLIP vocabulary. Results are cached per instance
/// because prompts repeat the same words; the cache is not shared between tokenizers.
/// </summary>
internal sealed class BytePairEncoder
{
    private const string EndOfWord = "</w>";

    private readonly IReadOnlyDictionary<string, int> _vocabulary;
    private readonly Dictionary<(string Left, string Right), int> _mergeRanks;
    private readonly int _unknownId;
    private readonly Dictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly Lock _cacheLock = new();

    public BytePairEncoder(
        IReadOnlyDictionary<string, int> vocabulary,
        IReadOnlyList<(string Left, string Right)> merges,
        IEnumerable<string> wholeTokens,
        int unknownId)
    {
        _vocabulary = vocabulary;
        _unknownId = unknownId;
        _mergeRanks = new Dictionary<(string, string), int>(merges.Count);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            // The first occurrence of a pair wins, like Python's dict built from the merges list in order.
            _mergeRanks.TryAdd(merges[rank], rank);
        }

        // Special tokens written in a prompt are kept whole (OpenAI seeds its BPE cache the same way).
        foreach (var token in wholeTokens)
        {
            _cache[token] = [vocabulary[token]];
        }
    }

    /// <summary>Ids of one word as produced by <see cref="ClipPreTokenizer"/> (before byte mapping).</summary>
    public int[] Encode(string word)
    {
        lock (_cacheLock)
        {
            if (_cache.TryGetValue(word, out var cached))
            {
                return cached;
            }
        }

        var ids = EncodeUncached(word);
        lock (_cacheLock)
        {
            _cache[word] = ids;
        }

        return ids;
    }

    private int[] EncodeUncached(string word)
    {
        var symbols = ToByteSymbols(word);
        symbols[^1] += EndOfWord;
        MergeInRankOrder(symbols);
        return symbols.Select(s => _vocabulary.TryGetValue(s, out var id) ? id : _unknownId).ToArray();
    }

    private static List<string> ToByteSymbols(string word)
    {
        var bytes = Encoding.UTF8.GetBytes(word);
        return bytes.Select(b => ByteToUnicode.Map(b).ToString()).ToList();
    }

    /// <summary>
    /// Repeatedly merges the adjacent pair with the lowest merge rank, every occurrence of it left to right,
    /// until no adjacent pair is a known merge.
    /// </summary>
    private void MergeInRankOrder(List<string> symbols)
    {
        while (symbols.Count > 1)
        {
            var best = FindLowestRankedPair(symbols);
            if (best is null)
            {
                return;
            }

            var (left, right) = best.Value;
            var merged = new List<string>(symbols.Count);
            var i = 0;
            while (i < symbols.Count)
            {
                if (i < symbols.Count - 1 && symbols[i] == left && symbols[i + 1] == right)
                {
                    merged.Add(left + right);
                    i += 2;
                }
                else
                {
                    merged.Add(symbols[i]);
                    i++;
                }
            }

            symbols.Clear();
            symbols.AddRange(merged);
        }
    }

    private (string Left, string Right)? FindLowestRankedPair(List<string> symbols)
    {
        (string, string)? best = null;
        var bestRank = int.MaxValue;
        for (var i = 0; i < symbols.Count - 1; i++)
        {
            if (_mergeRanks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank)
            {
                bestRank = rank;
                best = (symbols[i], symbols[i + 1]);
            }
        }

        return best;
    }
}
