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
        var arguments = new BenchArguments(args, repositoryRoot);
        var settings = new WorkersBenchSettings(
            arguments.Counts("workers", [1, 2], 1, 16),
            arguments.Int("rooms", 6, 1, 100),
            arguments.Int("clients-per-room", 5, 1, 100),
            arguments.Int("steps", 50, 1, 150),
            arguments.Int("size", 64, 8, 1024),
            TimeSpan.FromSeconds(arguments.Int("seconds", 60, 5, 3600)),
            arguments.Int("runs", 1, 1, 20),
            arguments.Int("intra-op-threads", 1, 1, 256),
            arguments.Text("provider", "Cpu"),
            arguments.Text("model", "emoji-ldm"),
            arguments.FullPath("models-dir", "models"),
            arguments.FullPath("output", Path.Combine("bench", "results", "inference-workers.md")));
        arguments.EnsureAllRead();
        return settings;
    }
}
