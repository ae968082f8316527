using System.Globalization;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>What to run, from the command line: <c>--clients 10,30 --steps 30 --runs 3 --keystrokes 100 --model-dir tests/fixtures/models --output bench/results/rooms.md</c>.</summary>
internal sealed record BenchSettings(
    IReadOnlyList<int> ClientCounts,
    int Steps,
    int Runs,
    int Keystrokes,
    TimeSpan KeystrokeGap,
    string ModelsPath,
    string Output)
{
    public static BenchSettings Parse(string[] args, string repositoryRoot)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new BenchSettings(
            values.TryGetValue("clients", out var counts) ? counts.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList() : [10, 30],
            Int("steps", 30),
            Int("runs", 3),
            Int("keystrokes", 100),
            TimeSpan.FromMilliseconds(Int("keystroke-gap-ms", 30)),
            Path.GetFullPath(values.GetValueOrDefault("models-dir", Path.Combine("tests", "fixtures", "models")), repositoryRoot),
            Path.GetFullPath(values.GetValueOrDefault("output", Path.Combine("bench", "results", "rooms.md")), repositoryRoot));
    }
}
