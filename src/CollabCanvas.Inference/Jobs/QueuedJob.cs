using System.Threading.Channels;
using CollabCanvas.Inference.Protocol;

namespace CollabCanvas.Inference.Jobs;

/// <summary>
/// A job accepted by the queue: its events flow to the hub stream through <see cref="Events"/>. The channel is
/// unbounded but a job writes at most steps + a few events (steps are capped at 150 by the engine's validator).
/// </summary>
internal sealed class QueuedJob(WorkerJob job)
{
    private readonly Channel<WorkerEvent> _events = Channel.CreateUnbounded<WorkerEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    public WorkerJob Job { get; } = job;

    public Guid JobId => Job.JobId;

    public CancellationTokenSource Cancellation { get; } = new();

    public ChannelReader<WorkerEvent> Events => _events.Reader;

    public void Report(WorkerEvent workerEvent) => _events.Writer.TryWrite(workerEvent);

    /// <summary>Writes the last event and closes the stream; later reports are dropped.</summary>
    public void Finish(WorkerEvent? last = null)
    {
        if (last is not null)
        {
            _events.Writer.TryWrite(last);
        }

        _events.Writer.TryComplete();
    }
}
