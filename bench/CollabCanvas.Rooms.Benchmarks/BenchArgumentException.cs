namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>A command line the benchmark cannot run: the entry point prints the message and the usage, and exits with 2.</summary>
internal sealed class BenchArgumentException(string message) : Exception(message);
