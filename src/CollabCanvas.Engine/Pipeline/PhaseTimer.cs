using System.Diagnostics;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>Adds up the time spent in each phase of a run.</summary>
internal sealed class PhaseTimer
{
    private readonly Dictionary<string, TimeSpan> _totals = [];

    public T Measure<T>(string phase, Func<T> action)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return action();
        }
        finally
        {
            _totals[phase] = this[phase] + Stopwatch.GetElapsedTime(started);
        }
    }

    public TimeSpan this[string phase] => _totals.GetValueOrDefault(phase);
}
