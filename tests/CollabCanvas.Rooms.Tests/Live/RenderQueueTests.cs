using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>The renderer's queue: rooms take turns, one job on the device at a time. Driven step by step, no clocks.</summary>
public sealed class RenderQueueTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid C = Guid.NewGuid();

    [Fact]
    public void A_room_that_asks_again_as_soon_as_its_job_ends_waits_for_every_room_already_queued()
    {
        var queue = new RenderQueue();
        var a1 = Job(A, "a1");
        queue.Enqueue(a1);
        queue.Enqueue(Job(B, "b1"));
        queue.Enqueue(Job(C, "c1"));
        var ran = new List<string>();

        // A's job starts; while it runs nothing else may (one device, so never two jobs on one model).
        ran.Add(Start(queue));
        Assert.Null(queue.TryStart());

        // Live mode: A re-queues the moment its job ends, before the device picks the next one.
        queue.Finish(a1.JobId);
        queue.Enqueue(Job(A, "a2"));
        Assert.Equal(["b1", "c1", "a2"], queue.Waiting.Select(job => job.Prompt));
        while (queue.TryStart() is { } next)
        {
            ran.Add(next.Prompt);
            Assert.Null(queue.TryStart());
            queue.Finish(next.JobId);
        }

        Assert.Equal(["a1", "b1", "c1", "a2"], ran);
        Assert.Empty(queue.Waiting);
        Assert.Null(queue.Running);
    }

    [Fact]
    public void Rooms_take_turns_even_when_one_room_queued_several_jobs_first()
    {
        var queue = new RenderQueue();
        queue.Enqueue(Job(A, "a1"));
        queue.Enqueue(Job(A, "a2"));
        queue.Enqueue(Job(A, "a3"));
        queue.Enqueue(Job(B, "b1"));
        queue.Enqueue(Job(C, "c1"));
        queue.Enqueue(Job(B, "b2"));

        Assert.Equal(["a1", "b1", "c1", "a2", "b2", "a3"], queue.Waiting.Select(job => job.Prompt));
        Assert.Equal(["a1", "b1", "c1", "a2", "b2", "a3"], RunAll(queue));
    }

    [Fact]
    public void A_job_cancelled_while_waiting_leaves_the_queue_and_the_others_keep_their_turns()
    {
        var queue = new RenderQueue();
        var b1 = Job(B, "b1");
        queue.Enqueue(Job(A, "a1"));
        queue.Enqueue(b1);
        queue.Enqueue(Job(C, "c1"));
        var running = queue.TryStart()!;

        Assert.Equal(b1, queue.RemoveWaiting(b1.JobId));
        Assert.Null(queue.RemoveWaiting(b1.JobId));
        Assert.Null(queue.RemoveWaiting(running.JobId)); // running jobs are cancelled by the renderer, not removed
        Assert.Equal(["c1"], queue.Waiting.Select(job => job.Prompt));
        queue.Finish(running.JobId);
        Assert.Equal(["c1"], RunAll(queue));
    }

    [Fact]
    public void Under_random_arrivals_no_room_waits_more_than_one_turn_of_every_other_room()
    {
        var random = new Random(5);
        var rooms = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        var queue = new RenderQueue();
        var jobsAhead = new Dictionary<Guid, int>(); // jobs started since each waiting room's oldest job arrived
        for (var tick = 0; tick < 2_000; tick++)
        {
            var room = rooms[random.Next(rooms.Count)];
            if (random.Next(3) > 0 && queue.Waiting.All(job => job.RoomId != room) && queue.Running?.RoomId != room)
            {
                queue.Enqueue(Job(room, $"{tick}"));
                jobsAhead[room] = 0;
            }

            if (random.Next(2) == 0 && queue.TryStart() is { } started)
            {
                Assert.Null(queue.TryStart());
                jobsAhead.Remove(started.RoomId);
                foreach (var waiting in jobsAhead.Keys.ToList())
                {
                    jobsAhead[waiting]++;
                    Assert.True(jobsAhead[waiting] < rooms.Count, "a room was overtaken by every other room more than once");
                }

                queue.Finish(started.JobId);
            }
        }
    }

    private static List<string> RunAll(RenderQueue queue)
    {
        var ran = new List<string>();
        while (queue.TryStart() is { } next)
        {
            ran.Add(next.Prompt);
            queue.Finish(next.JobId);
        }

        return ran;
    }

    private static string Start(RenderQueue queue) => (queue.TryStart() ?? throw new InvalidOperationException("nothing to start")).Prompt;

    private static RenderJob Job(Guid roomId, string name) => new(Guid.NewGuid(), roomId, name, "", RoomParameters.Default, null, null);
}
