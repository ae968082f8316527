namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>
/// The rooms hub under load: N clients in one room on a loopback port. Run on demand, never in tests:
/// <c>dotnet run -c Release --project bench/CollabCanvas.Rooms.Benchmarks -- --clients 10,30</c>.
/// (A named entry class, because the web app's own <c>Program</c> is what the host is built from.)
/// </summary>
internal static class RoomsBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var root = RepositoryRoot.Find();
        var settings = BenchSettings.Parse(args, root);
        using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };

        var results = new List<ScenarioResult>();
        var model = "";
        foreach (var clients in settings.ClientCounts)
        {
            // A fresh app per room size, so one size's leftovers do not weigh on the next.
            using var host = new BenchHost(root, settings.ModelsPath);
            model = host.ModelName;
            var result = await new RoomScenario(host, settings).RunAsync(clients, stopping.Token);
            Console.WriteLine(result);
            results.Add(result);
        }

        var command = "dotnet run -c Release --project bench/CollabCanvas.Rooms.Benchmarks" + (args.Length == 0 ? "" : " -- " + string.Join(' ', args));
        Directory.CreateDirectory(Path.GetDirectoryName(settings.Output)!);
        await File.WriteAllTextAsync(settings.Output, ResultsReport.Write(settings, model, command, results), stopping.Token);
        Console.WriteLine($"Results written to {settings.Output}");
        return 0;
    }
}
