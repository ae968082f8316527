namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>
/// The rooms hub under load: N clients in one room on a loopback port. Run on demand, never in tests:
/// <c>dotnet run -c Release --project bench/CollabCanvas.Rooms.Benchmarks -- --clients 10,30</c>.
/// With <c>--mode workers</c>, jobs per minute through inference worker processes instead (<see cref="Workers.WorkersBenchmark"/>);
/// with <c>--mode nodes</c>, preview fan-out and steps/s over several web nodes (<see cref="Nodes.NodesBenchmark"/>).
/// (A named entry class, because the web app's own <c>Program</c> is what the host is built from.)
/// </summary>
internal static class RoomsBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var root = RepositoryRoot.Find();
        var mode = args.SkipWhile(arg => arg != "--mode").Skip(1).FirstOrDefault() ?? "hub";
        using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(mode is "workers" or "nodes" ? 60 : 20));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };

        switch (mode)
        {
            case "workers":
                return await Workers.WorkersBenchmark.RunAsync(root, args, stopping.Token);
            case "nodes":
                return await Nodes.NodesBenchmark.RunAsync(root, args, stopping.Token);
            case "hub":
                break;
            default:
                await Console.Error.WriteLineAsync($"Unknown --mode '{mode}': hub (the default), workers or nodes.");
                return 2;
        }

        var settings = BenchSettings.Parse(args, root);
        var loadBefore = LoadAverage();
        var results = new List<ScenarioResult>();
        var model = "";
        var minInterval = TimeSpan.Zero;
        foreach (var clients in settings.ClientCounts)
        {
            // A fresh app per room size, so one size's leftovers do not weigh on the next.
            using var host = new BenchHost(root, settings.ModelsPath);
            model = host.ModelName;
            minInterval = host.ConfiguredMinInterval;
            var result = await new RoomScenario(host, settings).RunAsync(clients, stopping.Token);
            Console.WriteLine(result);
            results.Add(result);
        }

        var command = "dotnet run -c Release --project bench/CollabCanvas.Rooms.Benchmarks" + (args.Length == 0 ? "" : " -- " + string.Join(' ', args));
        Directory.CreateDirectory(Path.GetDirectoryName(settings.Output)!);
        await File.WriteAllTextAsync(settings.Output, ResultsReport.Write(settings, model, command, results, minInterval, loadBefore, LoadAverage()), stopping.Token);
        Console.WriteLine($"Results written to {settings.Output}");
        return 0;
    }

    /// <summary>The machine's 1, 5 and 15 minute load averages (Linux), for judging how busy the shared cores were.</summary>
    private static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(" / ", fields.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
