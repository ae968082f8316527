namespace CollabCanvas.Rooms.Live;

/// <summary>
/// Rooms' render jobs waiting for this node's device, and the one job on it. Fair across rooms: rooms take
/// turns (round robin), each room's own jobs in arrival order, so a room that asks again the moment its job
/// ends goes behind every room already waiting. One job at a time on the device, so never two on one model
/// (the engine's session pool also holds one request per model). Thread-safe; it decides, it runs nothing.
/// </summary>
public sealed class RenderQueue
{
    private readonly Lock _gate = new();

    // Rooms with waiting jobs in the order of their next turn, and each room's waiting jobs oldest first.
    private readonly LinkedList<Guid> _turns = new();
    private readonly Dictionary<Guid, List<RenderJob>> _waiting = [];
    private RenderJob? _running;

    /// <summary>The job on the device, or null when it is free.</summary>
    public RenderJob? Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Waiting jobs in the order they will run (the first is next).</summary>
    public IReadOnlyList<RenderJob> Waiting
    {
        get
        {
            lock (_gate)
            {
                // Turn by turn: every room's oldest job, then every room's second, and so on.
                var order = new List<RenderJob>();
                var total = _waiting.Values.Sum(jobs => jobs.Count);
                for (var round = 0; order.Count < total; round++)
                {
                    order.AddRange(_turns.Select(room => _waiting[room]).Where(jobs => jobs.Count > round).Select(jobs => jobs[round]));
                }

                return order;
            }
        }
    }

    public void Enqueue(RenderJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
        {
            if (!_waiting.TryGetValue(job.RoomId, out var jobs))
            {
                jobs = [];
                _waiting[job.RoomId] = jobs;
                _turns.AddLast(job.RoomId);
            }

            jobs.Add(job);
        }
    }

    /// <summary>Puts the next room's oldest job on the device; null while the device is busy or nothing waits.</summary>
    public RenderJob? TryStart()
    {
        lock (_gate)
        {
            if (_running is not null || _turns.First is not { } next)
            {
                return null;
            }

            var room = next.Value;
            var jobs = _waiting[room];
            _running = jobs[0];
            jobs.RemoveAt(0);
            _turns.RemoveFirst();
            if (jobs.Count > 0)
            {
                _turns.AddLast(room); // its next job waits for everyone else's turn
            }
            else
            {
                _waiting.Remove(room);
            }

            return _running;
        }
    }

    /// <summary>The running job ended (finished, failed or cancelled): the device is free.</summary>
    public void Finish(Guid jobId)
    {
        lock (_gate)
        {
            if (_running?.JobId != jobId)
            {
                throw new InvalidOperationException($"Job {jobId} is not the one running.");
            }

            _running = null;
        }
    }

    /// <summary>Takes a job out of the queue before it started; null when it is not waiting (running, or gone).</summary>
    public RenderJob? RemoveWaiting(Guid jobId)
    {
        lock (_gate)
        {
            foreach (var room in _turns)
            {
                var jobs = _waiting[room];
                var index = jobs.FindIndex(job => job.JobId == jobId);
                if (index < 0)
                {
                    continue;
                }

                var removed = jobs[index];
                jobs.RemoveAt(index);
                if (jobs.Count == 0)
                {
                    _waiting.Remove(room);
                    _turns.Remove(room);
                }

                return removed;
            }

            return null;
        }
    }
}
