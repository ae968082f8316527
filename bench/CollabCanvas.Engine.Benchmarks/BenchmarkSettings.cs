namespace CollabCanvas.Engine.Benchmarks;

/// <summary>What to benchmark.</summary>
internal sealed record BenchmarkSettings(string ModelsDirectory, string Model, int Size, int Steps, int Runs, ExecutionProvider Provider);

/// <summary>One measured configuration: median seconds per step over the timed runs.</summary>
internal sealed record Measurement(string Name, double SecondsPerStep)
{
    public double StepsPerSecond => 1.0 / SecondsPerStep;
}
