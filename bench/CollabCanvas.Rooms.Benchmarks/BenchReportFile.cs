namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>Where every mode's markdown report goes, with the command line that reproduces it.</summary>
internal static class BenchReportFile
{
    /// <summary>The command that ran this benchmark, as a reader would type it again.</summary>
    public static string Command(string[] args) =>
        "dotnet run -c Release --project bench/CollabCanvas.Rooms.Benchmarks" + (args.Length == 0 ? "" : " -- " + string.Join(' ', args));

    public static async Task WriteAsync(string path, string markdown, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, markdown, cancellationToken);
        Console.WriteLine($"Results written to {path}");
    }
}
