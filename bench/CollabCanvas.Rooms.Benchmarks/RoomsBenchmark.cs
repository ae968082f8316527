using System.Diagnostics;

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
        if (args.Any(arg => arg is "--help" or "-h"))
        {
            Console.WriteLine(BenchUsage.Text);
            return 0;
        }

        var root = RepositoryRoot.Find();
        object settings;
        try
        {
            settings = ParseSettings(args, root);
        }
        catch (BenchArgumentException wrong)
        {
            await Console.Error.WriteLineAsync($"Rooms benchmark: {wrong.Message}");
            await Console.Error.WriteLineAsync(BenchUsage.Text);
            return 2;
        }

        using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(settings is BenchSettings ? 20 : 60));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };

        return settings switch
        {
            Workers.WorkersBenchSettings workers => await Workers.WorkersBenchmark.RunAsync(root, workers, args, stopping.Token),
            Nodes.NodesBenchSettings nodes => await Nodes.NodesBenchmark.RunAsync(root, nodes, args, stopping.Token),
            BenchSettings hub => await RunHubAsync(root, hub, args, stopping.Token),
            _ => throw new UnreachableException($"No benchmark runs {settings.GetType().Name}."),
        };
    }

    /// <summary>The settings of the mode <c>--mode</c> names (hub when none), all read before anything starts.</summary>
    private static object ParseSettings(string[] args, string root)
    {
        var modeAt = Array.IndexOf(args, "--" + BenchArguments.ModeName);
        var mode = modeAt >= 0 && modeAt + 1 < args.Length ? args[modeAt + 1] : "hub";
        return mode switch
        {
            "hub" => BenchSettings.Parse(args, root),
            "workers" => Workers.WorkersBenchSettings.Parse(args, root),
            "nodes" => Nodes.NodesBenchSettings.Parse(args, root),
            _ => throw new BenchArgumentException($"Unknown --mode '{mode}': hub (the default), workers or nodes."),
        };
    }

    private static async Task<int> RunHubAsync(string root, BenchSettings settings, string[] args, CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage.Read();
        var results = new List<ScenarioResult>();
        var model = "";
        var minInterval = TimeSpan.Zero;
        foreach (var clients in settings.ClientCounts)
        {
            // A fresh app per room size, so one size's leftovers do not weigh on the next.
            using var host = new BenchHost(root, settings.ModelsPath);
            model = host.ModelName;
            minInterval = host.ConfiguredMinInterval;
            var result = await new RoomScenario(host, settings).RunAsync(clients, cancellationToken);
            Console.WriteLine(result);
            results.Add(result);
        }

        var report = ResultsReport.Write(settings, model, BenchReportFile.Command(args), results, minInterval, loadBefore, LoadAverage.Read());
        await BenchReportFile.WriteAsync(settings.Output, report, cancellationToken);
        return 0;
    }
}
