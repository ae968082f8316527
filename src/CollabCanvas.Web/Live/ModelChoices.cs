using CollabCanvas.Engine;
using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Schedulers;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Live;

/// <summary>The models and schedulers a room may pick from, for the parameter form.</summary>
public sealed class ModelChoices(ModelCatalog catalog, IOptions<EngineOptions> options)
{
    public IReadOnlyList<string> Models => catalog.Models.Where(model => model.IsAvailable).Select(model => model.Name).ToList();

    public IReadOnlyList<string> Schedulers => SchedulerFactory.Names;

    /// <summary>The scheduler used when the room names none.</summary>
    public string DefaultScheduler => options.Value.DefaultScheduler;
}
