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
        return new BenchSettings(
            arguments.Counts("clients", [10, 30]),
            arguments.Int("steps", 30),
            arguments.Int("runs", 3),
            arguments.Int("keystrokes", 100),
            TimeSpan.FromMilliseconds(arguments.Int("keystroke-gap-ms", 30)),
            arguments.FullPath("models-dir", Path.Combine("tests", "fixtures", "models")),
            arguments.FullPath("output", Path.Combine("bench", "results", "rooms.md")));
    }
}
