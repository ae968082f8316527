using System.Globalization;

namespace CollabCanvas.Rooms.Benchmarks.Nodes;

/// <summary>
/// What the web nodes benchmark runs, from the command line (after <c>--mode nodes</c>): <c>--nodes 1,2 --rooms 6
/// --clients-per-room 5 --steps 20 --size 64 --jobs 3 --runs 3 --model emoji-ldm --models-dir models
/// --output bench/results/web-nodes.md</c>.
/// </summary>
internal sealed record NodesBenchSettings(
    IReadOnlyList<int> NodeCounts,
    int Rooms,
    int ClientsPerRoom,
    int Steps,
    int Size,
    int JobsPerRoom,
    int Runs,
    string Model,
    string ModelsPath,
    string Output)
{
    public static NodesBenchSettings Parse(string[] args, string repositoryRoot)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback, int min, int max)
        {
            var value = values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return value >= min && value <= max ? value : throw new ArgumentException($"--{name} must be between {min} and {max} (got {value}).");
        }

        var counts = values.TryGetValue("nodes", out var list)
            ? list.Split(',').Select(count => int.Parse(count, CultureInfo.InvariantCulture)).ToList()
            : [1, 2];
        if (counts.Count == 0 || counts.Any(count => count is < 1 or > 4))
        {
            throw new ArgumentException("--nodes must list node counts between 1 and 4, e.g. 1,2.");
        }

        return new NodesBenchSettings(
            counts,
            Int("rooms", 6, 1, 100),
            Int("clients-per-room", 5, 1, 100),
            Int("steps", 20, 2, 150),
            Int("size", 64, 8, 1024),
            Int("jobs", 3, 1, 100),
            Int("runs", 1, 1, 20),
            values.GetValueOrDefault("model", "emoji-ldm"),
            Path.GetFullPath(values.GetValueOrDefault("models-dir", "models"), repositoryRoot),
            Path.GetFullPath(values.GetValueOrDefault("output", Path.Combine("bench", "results", "web-nodes.md")), repositoryRoot));
    }
}
