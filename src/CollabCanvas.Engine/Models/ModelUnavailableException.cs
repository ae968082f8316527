namespace CollabCanvas.Engine.Models;

/// <summary>Thrown when a request names a model that does not exist or cannot be used.</summary>
public sealed class ModelUnavailableException(string modelName, string reason)
    : Exception($"model '{modelName}' is not available: {reason}")
{
    public string ModelName { get; } = modelName;

    public string Reason { get; } = reason;
}
