using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Engine.Models;

/// <summary>
/// The models found under <see cref="EngineOptions.ModelsPath"/>: scanned when created and again on
/// <see cref="Refresh"/>. Readers always see a complete snapshot; a refresh swaps it in one assignment.
/// </summary>
public sealed class ModelCatalog
{
    private readonly string _root;
    private readonly ILogger<ModelCatalog> _logger;
    private IReadOnlyList<ModelEntry> _models = [];

    public ModelCatalog(IOptions<EngineOptions> options, ILogger<ModelCatalog> logger)
    {
        _root = Path.GetFullPath(options.Value.ModelsPath);
        _logger = logger;
        Refresh();
    }

    /// <summary>Every model folder, usable or not, sorted by name.</summary>
    public IReadOnlyList<ModelEntry> Models => Volatile.Read(ref _models);

    /// <summary>Scans the models root again and returns the new list.</summary>
    public IReadOnlyList<ModelEntry> Refresh()
    {
        var models = Directory.Exists(_root)
            ? Directory.EnumerateDirectories(_root)
                .Where(folder => !Path.GetFileName(folder).StartsWith('.'))
                .Select(ModelFolderInspector.Inspect)
                .OrderBy(model => model.Name, StringComparer.Ordinal)
                .ToList()
            : [];
        if (!Directory.Exists(_root))
        {
            _logger.LogWarning("Models folder {ModelsPath} does not exist; no models are available", _root);
        }

        foreach (var model in models.Where(model => !model.IsAvailable))
        {
            _logger.LogWarning("Model {Model} is unavailable: {Problem}", model.Name, model.Problem);
        }

        Volatile.Write(ref _models, models);
        return models;
    }

    /// <summary>The usable model called <paramref name="name"/>; throws <see cref="ModelUnavailableException"/> otherwise.</summary>
    public ModelEntry Get(string name)
    {
        var model = Models.FirstOrDefault(entry => entry.Name == name)
            ?? throw new ModelUnavailableException(name, $"no such model in {_root}");
        model.RequireTraits();
        return model;
    }
}
