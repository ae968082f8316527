namespace CollabCanvas.Rooms.Benchmarks.Workers;

/// <summary>
/// Jobs per minute through N inference workers (processes) against one, rooms generating concurrently:
/// <c>dotnet run -c Release --project bench/CollabCanvas.Rooms.Benchmarks -- --mode workers --workers 1,2</c>.
/// </summary>
internal static class WorkersBenchmark
{
    public static async Task<int> RunAsync(string repositoryRoot, WorkersBenchSettings settings, string[] args, CancellationToken cancellationToken)
    {
        var results = new List<WorkersResult>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            foreach (var workers in settings.WorkerCounts)
            {
                var result = await new WorkersScenario(repositoryRoot, settings).RunAsync(run, workers, cancellationToken);
                Console.WriteLine(result);
                results.Add(result);
            }
        }

        await BenchReportFile.WriteAsync(settings.Output, WorkersReport.Write(settings, BenchReportFile.Command(args), results), cancellationToken);
        return 0;
    }
}
