namespace CollabCanvas.Engine.Pipeline;

/// <summary>
/// Builds events on the thread pool and emits them in the order they were queued, so encoding a step's preview
/// overlaps the next UNet call (on a GPU the CPU is otherwise idle during it) without reordering. At most one
/// event is pending: queuing waits for the previous one, so the run never gets more than a step ahead of what
/// the caller has seen (and a cancellation still stops it within a step).
/// </summary>
internal sealed class OrderedEventQueue(Action<GenerationEvent> emit)
{
    private Task _pending = Task.CompletedTask;

    public void Enqueue(Func<GenerationEvent> build)
    {
        Drain();
        _pending = Task.Run(() => emit(build()));
    }

    /// <summary>Waits until the pending event is emitted; rethrows its failure.</summary>
    public void Drain() => _pending.GetAwaiter().GetResult();

    /// <summary>Waits for the queue to settle when the run is already failing; its own errors are secondary then.</summary>
    public void DrainQuietly()
    {
        try
        {
            _pending.Wait();
        }
        catch (AggregateException)
        {
            // The run's own exception is the one being reported.
        }
    }
}
