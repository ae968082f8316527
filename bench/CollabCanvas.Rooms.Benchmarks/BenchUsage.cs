namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>What <c>--help</c> and a wrong command line print: the modes and their options with the defaults.</summary>
internal static class BenchUsage
{
    public const string Text = """
        Usage: dotnet run -c Release --project bench/CollabCanvas.Rooms.Benchmarks -- [--mode hub|workers|nodes] [--option value]...
          --mode hub (default)  N hub clients in one room on one in-process app:
              --clients 10,30  --steps 30  --runs 3  --keystrokes 100  --keystroke-gap-ms 30
              --models-dir tests/fixtures/models  --output bench/results/rooms.md
          --mode workers        jobs per minute through N inference worker processes:
              --workers 1,2  --rooms 6  --clients-per-room 5  --steps 50  --size 64  --seconds 60  --runs 1
              --intra-op-threads 1  --provider Cpu  --model emoji-ldm  --models-dir models  --output bench/results/inference-workers.md
          --mode nodes          preview fan-out and steps/s over N web nodes (Redis clustering):
              --nodes 1,2  --rooms 6  --clients-per-room 5  --steps 20  --size 64  --jobs 3  --runs 1
              --model emoji-ldm  --models-dir models  --output bench/results/web-nodes.md
          --help                this text
        """;
}
