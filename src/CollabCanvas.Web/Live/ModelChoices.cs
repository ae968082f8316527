using CollabCanvas.Engine;
using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Schedulers;
using CollabCanvas.Web.Inference;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Live;

/// <summary>
/// The models and schedulers a room may pick from, for the parameter form: the models this node's engine has,
/// or in Remote mode (<paramref name="workers"/> registered) those the reachable inference workers offer.
/// </summary>
public sealed class ModelChoices(ModelCatalog catalog, IOptions<EngineOptions> options, WorkerPool? workers = null)
{
    public IReadOnlyList<string> Models => workers is not null
        ? workers.AvailableModels()
        : catalog.Models.Where(model => model.IsAvailable).Select(model => model.Name).ToList();

    public IReadOnlyList<string> Schedulers => SchedulerFactory.Names;

    /// <summary>The scheduler used when the room names none.</summary>
    public string DefaultScheduler => options.Value.DefaultScheduler;
}
