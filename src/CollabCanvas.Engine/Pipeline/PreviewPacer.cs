namespace CollabCanvas.Engine.Pipeline;

/// <summary>
/// Decides, step by step, whether a preview is due under <see cref="PreviewOptions.MinInterval"/>: the first and
/// the last step always, any other step only when the last preview was made at least that long ago. It is asked
/// before the preview is made, so a skipped step costs nothing; the clock is the caller's, so tests drive it.
/// </summary>
internal sealed class PreviewPacer(TimeSpan minInterval, TimeProvider time)
{
    private long? _lastPreviewAt;

    /// <summary>Whether <paramref name="step"/> (1-based) gets a preview; when it does, it counts as the last one made.</summary>
    public bool Admit(int step, int totalSteps)
    {
        var now = time.GetTimestamp();
        var due = minInterval <= TimeSpan.Zero
            || step == totalSteps
            || _lastPreviewAt is not { } last
            || time.GetElapsedTime(last, now) >= minInterval;
        if (due)
        {
            _lastPreviewAt = now;
        }

        return due;
    }
}
