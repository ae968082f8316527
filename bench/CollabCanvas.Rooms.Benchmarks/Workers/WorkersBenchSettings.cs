using System.Globalization;

namespace CollabCanvas.Rooms.Benchmarks.Workers;

/// <summary>
/// What the workers benchmark runs, from the command line (after <c>--mode workers</c>): <c>--workers 1,2 --rooms 6
/// --clients-per-room 5 --steps 50 --size 64 --seconds 60 --runs 1 --intra-op-threads 1 --provider Cpu --model emoji-ldm
/// --models-dir models --output bench/results/inference-workers.md</c>.
/// </summary>
internal sealed record WorkersBenchSettings(
    IReadOnlyList<int> WorkerCounts,
    int Rooms,
    int ClientsPerRoom,
    int Steps,
    int Size,
    TimeSpan Window,
    int Runs,
    int IntraOpThreads,
    string Provider,
    string Model,
    string ModelsPath,
    string Output)
{
    public static WorkersBenchSettings Parse(string[] args, string repositoryRoot)
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

        var counts = values.TryGetValue("workers", out var list)
            ? list.Split(',').Select(count => int.Parse(count, CultureInfo.InvariantCulture)).ToList()
            : [1, 2];
        if (counts.Count == 0 || counts.Any(count => count is < 1 or > 16))
        {
            throw new ArgumentException("--workers must list worker counts between 1 and 16, e.g. 1,2.");
        }

        return new WorkersBenchSettings(
            counts,
            Int("rooms", 6, 1, 100),
            Int("clients-per-room", 5, 1, 100),
            Int("steps", 50, 1, 150),
            Int("size", 64, 8, 1024),
            TimeSpan.FromSeconds(Int("seconds", 60, 5, 3600)),
            Int("runs", 1, 1, 20),
            Int("intra-op-threads", 1, 1, 256),
            values.GetValueOrDefault("provider", "Cpu"),
            values.GetValueOrDefault("model", "emoji-ldm"),
            Path.GetFullPath(values.GetValueOrDefault("models-dir", "models"), repositoryRoot),
            Path.GetFullPath(values.GetValueOrDefault("output", Path.Combine("bench", "results", "inference-workers.md")), repositoryRoot));
    }
}
