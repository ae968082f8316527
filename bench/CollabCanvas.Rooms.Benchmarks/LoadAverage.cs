using System.Globalization;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>
/// The machine's load average (1, 5 and 15 minutes) from /proc/loadavg, NaN where there is none: on a machine
/// shared with other work it says how much of the CPU the benchmark could have had.
/// </summary>
internal sealed record LoadAverage(double One, double Five, double Fifteen)
{
    public static LoadAverage Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return new LoadAverage(Parse(fields[0]), Parse(fields[1]), Parse(fields[2]));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException or FormatException)
        {
            return new LoadAverage(double.NaN, double.NaN, double.NaN);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{One:F2} / {Five:F2} / {Fifteen:F2}");

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
