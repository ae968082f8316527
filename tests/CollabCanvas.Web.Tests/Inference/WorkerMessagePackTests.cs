using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Inference.Protocol;
using MessagePack;
using MessagePack.Resolvers;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>
/// Worker events are written by their runtime type (as SignalR does) and read as <see cref="WorkerEvent"/>;
/// the job request round-trips with its nested preview options.
/// </summary>
public sealed class WorkerMessagePackTests
{
    private static readonly MessagePackSerializerOptions Options = WorkerMessagePack.WithWorkerEvents(
        MessagePackSerializerOptions.Standard.WithResolver(CompositeResolver.Create(DynamicEnumAsStringResolver.Instance, ContractlessStandardResolver.Instance)));

    public static TheoryData<WorkerEvent> Events() =>
    [
        new JobQueued(2),
        new JobStarted(6, 7, ["init image resized"]),
        new JobStepped(3, 6, TimeSpan.FromMilliseconds(42), new WorkerImage([1, 2, 3], "image/png", 32, 32)),
        new JobStepped(4, 6, TimeSpan.FromMilliseconds(50), null),
        new JobCompleted(new WorkerImage([0x89, 0x50], "image/png", 64, 64), 7, TimeSpan.FromSeconds(1)),
        new JobFailed("no such model"),
        new JobBusy("busy"),
        new JobCancelled(),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_written_by_its_runtime_type_reads_back_as_the_same_record(WorkerEvent sent)
    {
        var bytes = MessagePackSerializer.Serialize(sent.GetType(), sent, Options);

        var read = MessagePackSerializer.Deserialize<WorkerEvent>(bytes, Options);

        Assert.Equal(sent.GetType(), read.GetType());
        Assert.Equal(Describe(sent), Describe(read));
    }

    [Fact]
    public void A_job_request_round_trips()
    {
        var job = new WorkerJob(Guid.NewGuid(), new GenerationRequest("tiny", "a fox", "blur", 12, "ddim", 5, 3, 64, 48, [1, 2], 0.5, [3],
            new PreviewOptions(Every: 2, Upscale: 4, Format: PreviewFormat.Jpeg, MinInterval: TimeSpan.FromMilliseconds(50))));

        var read = MessagePackSerializer.Deserialize<WorkerJob>(MessagePackSerializer.Serialize(job, Options), Options);

        Assert.Equal(job.JobId, read.JobId);
        Assert.Equal(job.Request with { InitImage = null, Mask = null }, read.Request with { InitImage = null, Mask = null });
        Assert.Equal(job.Request.InitImage, read.Request.InitImage);
        Assert.Equal(job.Request.Mask, read.Request.Mask);
    }

    // Records with byte arrays compare arrays by reference: compare what they hold instead.
    private static string Describe(WorkerEvent workerEvent) => workerEvent switch
    {
        JobStepped step => $"{step.Index}/{step.TotalSteps} {step.Elapsed} {Describe(step.Preview)}",
        JobCompleted done => $"{Describe(done.Image)} {done.Seed} {done.Elapsed}",
        JobStarted started => $"{started.TotalSteps} {started.Seed} {string.Join('|', started.Notes)}",
        _ => workerEvent.ToString(),
    };

    private static string Describe(WorkerImage? image) =>
        image is null ? "none" : $"{Convert.ToHexString(image.Bytes)} {image.ContentType} {image.Width}x{image.Height}";
}
