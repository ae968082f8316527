using CollabCanvas.Web.Options;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Inference;

/// <summary>
/// The workers listed in <see cref="InferenceClientOptions.Workers"/>, linked while the app runs, and the choice
/// of worker for a job: among those reachable that offer the model, the least loaded; between equally loaded
/// ones, one that has run the model already (its sessions are loaded: model affinity); then the listed order.
/// </summary>
internal sealed class WorkerPool : IHostedService, IAsyncDisposable
{
    private readonly IReadOnlyList<WorkerLink> _links;

    public WorkerPool(IOptions<InferenceClientOptions> options, WorkerTokenClient tokens, ILogger<WorkerPool> logger)
    {
        _links = options.Value.Workers.Distinct().Select(url => new WorkerLink(url, options.Value, tokens, logger)).ToList();
        if (_links.Count == 0)
        {
            logger.LogWarning("Inference:Mode is Remote but Inference:Workers lists no worker: every generation will fail");
        }
    }

    public IReadOnlyList<WorkerLink> Links => _links;

    /// <summary>The model a job runs when its room names none: the first available one on any reachable worker.</summary>
    public string? DefaultModel() => _links
        .SelectMany(link => link.State?.Models ?? [])
        .Where(model => model.IsAvailable)
        .Select(model => model.Name)
        .Order(StringComparer.Ordinal)
        .FirstOrDefault();

    public WorkerLink? Choose(string model, IReadOnlySet<WorkerLink> tried) => _links
        .Select((link, index) => (Link: link, Index: index, State: link.State))
        .Where(candidate => candidate.State?.Offers(model) == true && !tried.Contains(candidate.Link))
        .OrderBy(candidate => candidate.Link.EstimatedJobs)
        .ThenBy(candidate => candidate.State!.Load.WarmModels.Contains(model) ? 0 : 1)
        .ThenBy(candidate => candidate.Index)
        .Select(candidate => candidate.Link)
        .FirstOrDefault();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var link in _links)
        {
            link.Start();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var link in _links)
        {
            await link.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
