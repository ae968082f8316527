using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Inference.Protocol;
using CollabCanvas.Web.Tests.Hub;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>The worker's hub on the fixture models: streamed events in order, busy when full, cancel, models and load.</summary>
[Collection(InferenceCollection.Name)]
public sealed class InferenceWorkerTests(InferenceCluster cluster)
{
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    /// <summary>A job long enough on the tiny fixture model to still be running while the test acts on it.</summary>
    internal static GenerationRequest LongRequest(string model = "tiny-txt2img") =>
        new(model, "a slow fox", Steps: 150, Seed: 1, Width: 1024, Height: 1024, Preview: PreviewOptions.None);

    [Fact]
    public async Task Generate_streams_start_steps_with_previews_and_timing_then_the_png()
    {
        await using var connection = await WorkerHub.ConnectAsync(cluster.WorkerA.BaseAddress, await cluster.TokenAsync());
        var job = new WorkerJob(Guid.NewGuid(), new GenerationRequest("tiny-txt2img", "a red fox", Steps: 6, Seed: 7,
            Preview: new PreviewOptions(Upscale: 4)));

        var events = await WorkerHub.CollectAsync(connection, job);

        var work = events.SkipWhile(e => e is JobQueued).ToList();
        var started = Assert.IsType<JobStarted>(work[0]);
        Assert.Equal(6, started.TotalSteps);
        Assert.Equal(7, started.Seed);
        var steps = work.Skip(1).Take(6).Select(e => Assert.IsType<JobStepped>(e)).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], steps.Select(step => step.Index));
        Assert.All(steps, step => Assert.Equal(PngMagic, step.Preview!.Bytes[..4]));
        Assert.All(steps, step => Assert.Equal("image/png", step.Preview!.ContentType));
        Assert.Equal(steps.Select(step => step.Elapsed).Order(), steps.Select(step => step.Elapsed));
        Assert.True(steps[^1].Elapsed > TimeSpan.Zero);
        var completed = Assert.IsType<JobCompleted>(Assert.Single(work.Skip(7)));
        Assert.Equal(PngMagic, completed.Image.Bytes[..4]);
        Assert.Equal(7, completed.Seed);
    }

    [Fact]
    public async Task A_bad_request_fails_with_a_reason_without_taking_a_place()
    {
        await using var connection = await WorkerHub.ConnectAsync(cluster.WorkerA.BaseAddress, await cluster.TokenAsync());

        var events = await WorkerHub.CollectAsync(connection, new WorkerJob(Guid.NewGuid(), new GenerationRequest("no-such-model", "x")));

        var failed = Assert.IsType<JobFailed>(Assert.Single(events));
        Assert.Contains("no-such-model", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_queue_answers_busy_and_cancel_ends_the_running_and_the_waiting_job()
    {
        await using var connection = await WorkerHub.ConnectAsync(cluster.WorkerA.BaseAddress, await cluster.TokenAsync());
        var running = new WorkerJob(Guid.NewGuid(), LongRequest());
        var waiting = new WorkerJob(Guid.NewGuid(), LongRequest());
        var runningSteps = 0;
        var waitingQueued = 0;
        var first = WorkerHub.CollectAsync(connection, running, e => Interlocked.Add(ref runningSteps, e is JobStepped ? 1 : 0));
        await RoomHubClient.WaitUntilAsync(() => Volatile.Read(ref runningSteps) > 0, "the first job runs", timeoutSeconds: 60);
        var second = WorkerHub.CollectAsync(connection, waiting, e => Interlocked.Add(ref waitingQueued, e is JobQueued ? 1 : 0));
        await RoomHubClient.WaitUntilAsync(() => Volatile.Read(ref waitingQueued) > 0, "the second job waits");

        // Queue capacity 1: one runs, one waits, the third is refused at once and nothing of it is kept.
        var third = await WorkerHub.CollectAsync(connection, new WorkerJob(Guid.NewGuid(), LongRequest()));
        var load = await connection.InvokeAsync<WorkerLoad>(InferenceHubContract.Load);

        var busy = Assert.IsType<JobBusy>(Assert.Single(third));
        Assert.Contains("busy", busy.Reason, StringComparison.Ordinal);
        Assert.Equal(new WorkerLoad(1, 1, 1, load.WarmModels), load);

        Assert.True(await connection.InvokeAsync<bool>(InferenceHubContract.Cancel, waiting.JobId));
        Assert.True(await connection.InvokeAsync<bool>(InferenceHubContract.Cancel, running.JobId));
        Assert.IsType<JobCancelled>((await second)[^1]);
        var firstEvents = await first;
        Assert.IsType<JobCancelled>(firstEvents[^1]);
        Assert.True(firstEvents.Count(e => e is JobStepped) < 150, "the running job stopped before its last step");
        Assert.False(await connection.InvokeAsync<bool>(InferenceHubContract.Cancel, running.JobId));
    }

    [Fact]
    public async Task Closing_the_stream_cancels_the_job_on_the_device()
    {
        await using var connection = await WorkerHub.ConnectAsync(cluster.WorkerA.BaseAddress, await cluster.TokenAsync());
        using var stop = new CancellationTokenSource();
        var job = new WorkerJob(Guid.NewGuid(), LongRequest());

        var stream = WorkerHub.CollectAsync(connection, job, e =>
        {
            if (e is JobStepped)
            {
                stop.Cancel();
            }
        }, stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream);
        await RoomHubClient.WaitUntilAsync(
            () => connection.InvokeAsync<WorkerLoad>(InferenceHubContract.Load).GetAwaiter().GetResult().Running == 0,
            "the device is free again");
    }

    [Fact]
    public async Task Models_lists_the_fixture_models()
    {
        await using var connection = await WorkerHub.ConnectAsync(cluster.WorkerA.BaseAddress, await cluster.TokenAsync());

        var models = await connection.InvokeAsync<List<WorkerModel>>(InferenceHubContract.Models);

        Assert.Equal(Directory.GetDirectories(Path.Combine(Infrastructure.RepositoryPaths.Root, "tests", "fixtures", "models")).Length, models.Count);
        Assert.All(models, model => Assert.True(model.IsAvailable, $"{model.Name}: {model.Problem}"));
    }
}
