namespace CollabCanvas.Engine.Models;

/// <summary>One folder of the models root, usable or not.</summary>
/// <param name="Name">The folder name, which is how requests name the model.</param>
/// <param name="Paths">Where its parts live.</param>
/// <param name="Traits">What the model is, when it is usable; null when it is not.</param>
/// <param name="Problem">Why the model is unavailable (missing or corrupt part), null when it is usable.</param>
public sealed record ModelEntry(string Name, ModelPaths Paths, ModelTraits? Traits, string? Problem)
{
    public bool IsAvailable => Traits is not null;

    /// <summary>
    /// Changes whenever a file of the folder is replaced (paths, sizes and write times), so cached sessions of an
    /// older version of the model are not reused after <see cref="ModelCatalog.Refresh"/>.
    /// </summary>
    public string Fingerprint { get; init; } = string.Empty;

    /// <summary>The traits of a usable model; throws <see cref="ModelUnavailableException"/> otherwise.</summary>
    public ModelTraits RequireTraits() => Traits ?? throw new ModelUnavailableException(Name, Problem ?? "unknown problem");
}
