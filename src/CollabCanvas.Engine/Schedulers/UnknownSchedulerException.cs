namespace CollabCanvas.Engine.Schedulers;

/// <summary>Thrown by <see cref="SchedulerFactory"/> for a name that is neither one of ours nor a known diffusers class.</summary>
public sealed class UnknownSchedulerException(string name, IEnumerable<string> knownNames)
    : Exception($"Unknown scheduler '{name}'. Known: {string.Join(", ", knownNames)}")
{
    public string Name { get; } = name;
}
