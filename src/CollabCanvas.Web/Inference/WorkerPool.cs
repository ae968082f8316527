using CollabCanvas.Web.Options;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Inference;

/// <summary>
/// The workers listed in <see cref="InferenceClientOptions.Workers"/>, linked while the app runs, and the choice
/// of worker for a job (<see cref="WorkerChoice"/>).
/// </summary>
public sealed class WorkerPool : IHostedService, IAsyncDisposable
{
    private readonly IReadOnlyList<WorkerLink> _links;

    internal WorkerPool(IOptions<InferenceClientOptions> options, WorkerTokenClient tokens, ILogger<WorkerPool> logger)
    {
        _links = options.Value.Workers.Distinct().Select(url => new WorkerLink(url, options.Value, tokens, logger)).ToList();
        if (_links.Count == 0)
        {
            logger.LogWarning("Inference:Mode is Remote but Inference:Workers lists no worker: every generation will fail");
        }
    }

    internal IReadOnlyList<WorkerLink> Links => _links;

    /// <summary>The models any reachable worker offers, sorted by name.</summary>
    public IReadOnlyList<string> AvailableModels() => _links
        .SelectMany(link => link.State?.Models ?? [])
        .Where(model => model.IsAvailable)
        .Select(model => model.Name)
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The model a job runs when its room names none: the first of <see cref="AvailableModels"/>.</summary>
    public string? DefaultModel() => AvailableModels().FirstOrDefault();

    /// <summary>The worker for a job (<see cref="WorkerChoice"/>); null when no reachable worker that offers the model is left.</summary>
    internal WorkerLink? Choose(string model, IReadOnlySet<WorkerLink> tried)
    {
        var candidates = _links.Select(link => new WorkerCandidate(link.State, link.EstimatedJobs, tried.Contains(link))).ToList();
        var chosen = WorkerChoice.Pick(candidates, model);
        return chosen < 0 ? null : _links[chosen];
    }

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
