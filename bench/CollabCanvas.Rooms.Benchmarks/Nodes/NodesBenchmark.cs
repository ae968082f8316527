namespace CollabCanvas.Rooms.Benchmarks.Nodes;

/// <summary>
/// Preview fan-out and steps/s with the rooms spread over N web nodes (Redis clustering) against one:
/// <c>dotnet run -c Release --project bench/CollabCanvas.Rooms.Benchmarks -- --mode nodes --nodes 1,2</c>.
/// </summary>
internal static class NodesBenchmark
{
    public static async Task<int> RunAsync(string repositoryRoot, NodesBenchSettings settings, string[] args, CancellationToken cancellationToken)
    {
        await using var redis = await RedisServer.StartAsync(FreePorts.Next(), TimeSpan.FromSeconds(20), cancellationToken);
        var results = new List<NodesResult>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            // Each round starts with the next node count, so neither always runs on the machine the other left behind.
            var counts = settings.NodeCounts.Skip((run - 1) % settings.NodeCounts.Count).Concat(settings.NodeCounts.Take((run - 1) % settings.NodeCounts.Count));
            foreach (var nodes in counts)
            {
                var result = await new NodesScenario(repositoryRoot, settings, redis).RunAsync(run, nodes, cancellationToken);
                Console.WriteLine(result);
                results.Add(result);
            }
        }

        await BenchReportFile.WriteAsync(settings.Output, NodesReport.Write(settings, BenchReportFile.Command(args), results), cancellationToken);
        return 0;
    }
}
