using CollabCanvas.Inference.Protocol;
using CollabCanvas.Web.Inference;

namespace CollabCanvas.Web.Tests.Inference;

/// <summary>The dispatcher's choice: least loaded first, then a worker with the model warm, never one that cannot take the job.</summary>
public sealed class WorkerChoiceTests
{
    private const string Model = "sd-turbo";

    private static WorkerCandidate Worker(int jobs, bool warm = false, bool offers = true, bool reachable = true, bool tried = false) => new(
        reachable
            ? new WorkerState([new WorkerModel(offers ? Model : "other", true, null)], new WorkerLoad(Math.Min(jobs, 1), Math.Max(jobs - 1, 0), 4, warm ? [Model] : []))
            : null,
        reachable ? jobs : int.MaxValue,
        tried);

    [Fact]
    public void The_least_loaded_worker_wins_even_over_a_warm_one()
    {
        Assert.Equal(1, WorkerChoice.Pick([Worker(2, warm: true), Worker(0), Worker(1)], Model));
    }

    [Fact]
    public void Between_equally_loaded_workers_the_one_with_the_model_warm_wins()
    {
        Assert.Equal(2, WorkerChoice.Pick([Worker(1), Worker(0), Worker(0, warm: true)], Model));
    }

    [Fact]
    public void Between_equals_the_listed_order_decides()
    {
        Assert.Equal(0, WorkerChoice.Pick([Worker(0), Worker(0)], Model));
    }

    [Fact]
    public void Unreachable_tried_and_model_less_workers_are_never_chosen()
    {
        Assert.Equal(3, WorkerChoice.Pick([Worker(0, reachable: false), Worker(0, tried: true), Worker(0, offers: false), Worker(3)], Model));
        Assert.Equal(-1, WorkerChoice.Pick([Worker(0, reachable: false), Worker(0, tried: true), Worker(0, offers: false)], Model));
        Assert.Equal(-1, WorkerChoice.Pick([], Model));
    }
}
