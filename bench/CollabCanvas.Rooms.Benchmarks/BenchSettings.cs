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
        var arguments = new BenchArguments(args, repositoryRoot);
        var settings = new BenchSettings(
            arguments.Counts("clients", [10, 30], 1, 1000),
            arguments.Int("steps", 30, 1, 150),
            arguments.Int("runs", 3, 1, 100),
            arguments.Int("keystrokes", 100, 1, 100_000),
            TimeSpan.FromMilliseconds(arguments.Int("keystroke-gap-ms", 30, 0, 60_000)),
            arguments.FullPath("models-dir", Path.Combine("tests", "fixtures", "models")),
            arguments.FullPath("output", Path.Combine("bench", "results", "rooms.md")));
        arguments.EnsureAllRead();
        return settings;
    }
}
