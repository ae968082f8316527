using System.Globalization;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>
/// The command line as <c>--name value</c> pairs, read by each mode's settings: numbers checked against their range,
/// lists of counts ("1,2"), and paths relative to the repository root.
/// </summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly string _repositoryRoot;

    public BenchArguments(string[] args, string repositoryRoot)
    {
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            _values[args[i].TrimStart('-')] = args[i + 1];
        }

        _repositoryRoot = repositoryRoot;
    }

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = _values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return value >= min && value <= max ? value : throw new ArgumentException($"--{name} must be between {min} and {max} (got {value}).");
    }

    /// <summary>A comma-separated list of counts, e.g. <c>--nodes 1,2</c>.</summary>
    public IReadOnlyList<int> Counts(string name, IReadOnlyList<int> fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var counts = _values.TryGetValue(name, out var list)
            ? list.Split(',').Select(count => int.Parse(count, CultureInfo.InvariantCulture)).ToList()
            : [.. fallback];
        return counts.Count > 0 && counts.All(count => count >= min && count <= max)
            ? counts
            : throw new ArgumentException($"--{name} must list counts between {min} and {max}, e.g. 1,2.");
    }

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    /// <summary>A path given relative to the repository root (or absolute).</summary>
    public string FullPath(string name, string fallback) => Path.GetFullPath(_values.GetValueOrDefault(name, fallback), _repositoryRoot);
}
