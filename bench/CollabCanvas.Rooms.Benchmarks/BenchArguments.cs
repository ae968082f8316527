using System.Globalization;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>
/// The command line as <c>--name value</c> pairs, read by each mode's settings: numbers checked against their range,
/// lists of counts ("1,2"), and paths relative to the repository root. Anything it cannot use (a value that is not a
/// number, a name without a value, a name the mode never reads) is a <see cref="BenchArgumentException"/>, so a typo
/// never runs an hour-long benchmark with a default the person did not mean.
/// </summary>
internal sealed class BenchArguments
{
    /// <summary>Read by the entry point, not by a mode's settings.</summary>
    public const string ModeName = "mode";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal) { ModeName };
    private readonly string _repositoryRoot;

    public BenchArguments(string[] args, string repositoryRoot)
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            var option = args[i];
            if (!option.StartsWith("--", StringComparison.Ordinal) || option.Length == 2)
            {
                throw new BenchArgumentException($"Expected an option such as --steps, got '{option}'.");
            }

            if (i + 1 >= args.Length)
            {
                throw new BenchArgumentException($"{option} needs a value.");
            }

            if (!_values.TryAdd(option[2..], args[i + 1]))
            {
                throw new BenchArgumentException($"{option} is given twice.");
            }
        }

        _repositoryRoot = repositoryRoot;
    }

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = TryGet(name, out var text) ? ParseInt(name, text) : fallback;
        return value >= min && value <= max ? value : throw new BenchArgumentException($"--{name} must be between {min} and {max} (got {value}).");
    }

    /// <summary>A comma-separated list of counts, e.g. <c>--nodes 1,2</c>.</summary>
    public IReadOnlyList<int> Counts(string name, IReadOnlyList<int> fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var counts = TryGet(name, out var list)
            ? list.Split(',').Select(count => ParseInt(name, count)).ToList()
            : [.. fallback];
        return counts.All(count => count >= min && count <= max)
            ? counts
            : throw new BenchArgumentException($"--{name} must list counts between {min} and {max}, e.g. 1,2 (got {string.Join(',', counts)}).");
    }

    public string Text(string name, string fallback) => TryGet(name, out var text) ? text : fallback;

    /// <summary>A path given relative to the repository root (or absolute).</summary>
    public string FullPath(string name, string fallback) => Path.GetFullPath(Text(name, fallback), _repositoryRoot);

    /// <summary>Refuses the names no one read, once a mode's settings have read all theirs.</summary>
    public void EnsureAllRead()
    {
        var unknown = _values.Keys.Where(name => !_read.Contains(name)).Select(name => "--" + name).ToList();
        if (unknown.Count > 0)
        {
            var known = string.Join(", ", _read.Order(StringComparer.Ordinal).Select(name => "--" + name));
            throw new BenchArgumentException($"Unknown option {string.Join(", ", unknown)} (this mode reads {known}).");
        }
    }

    private bool TryGet(string name, out string value)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out value!);
    }

    private static int ParseInt(string name, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BenchArgumentException($"--{name} must be a whole number (got '{text}').");
}
