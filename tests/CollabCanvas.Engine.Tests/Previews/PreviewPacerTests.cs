using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.Previews;

/// <summary>The preview rate cap, on a clock the test moves: no timing, only which steps get a preview.</summary>
public sealed class PreviewPacerTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromMilliseconds(50);

    /// <summary>Asks the pacer about steps 1..total, moving the clock by <paramref name="stepTime"/> before each step after the first.</summary>
    private static List<int> Admitted(TimeSpan minInterval, int total, TimeSpan stepTime)
    {
        var clock = new ManualClock();
        var pacer = new PreviewPacer(minInterval, clock);
        var admitted = new List<int>();
        for (var step = 1; step <= total; step++)
        {
            if (step > 1)
            {
                clock.Advance(stepTime);
            }

            if (pacer.Admit(step, total))
            {
                admitted.Add(step);
            }
        }

        return admitted;
    }

    [Fact]
    public void Steps_faster_than_the_cap_get_a_preview_once_the_cap_has_passed_since_the_last_one()
    {
        // 20 ms steps: t = 0 (1), 40 (3) no, 60 (4) yes, 100 (6) no, 120 (7) yes ... the last step always.
        Assert.Equal([1, 4, 7, 10], Admitted(Cap, 10, TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void The_first_and_the_last_step_always_get_one_even_when_no_time_passes()
    {
        Assert.Equal([1, 20], Admitted(Cap, 20, TimeSpan.Zero));
    }

    [Fact]
    public void Steps_slower_than_the_cap_all_get_one()
    {
        Assert.Equal([1, 2, 3, 4, 5], Admitted(Cap, 5, Cap));
    }

    [Fact]
    public void Zero_means_every_step()
    {
        Assert.Equal([1, 2, 3, 4, 5], Admitted(TimeSpan.Zero, 5, TimeSpan.Zero));
    }
}
