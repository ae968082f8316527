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
        var arguments = new BenchArguments(args, repositoryRoot);
        var settings = new NodesBenchSettings(
            arguments.Counts("nodes", [1, 2], 1, 4),
            arguments.Int("rooms", 6, 1, 100),
            arguments.Int("clients-per-room", 5, 1, 100),
            arguments.Int("steps", 20, 2, 150),
            arguments.Int("size", 64, 8, 1024),
            arguments.Int("jobs", 3, 1, 100),
            arguments.Int("runs", 1, 1, 20),
            arguments.Text("model", "emoji-ldm"),
            arguments.FullPath("models-dir", "models"),
            arguments.FullPath("output", Path.Combine("bench", "results", "web-nodes.md")));
        arguments.EnsureAllRead();
        return settings;
    }
}
