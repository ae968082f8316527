namespace CollabCanvas.Rooms.Live;

/// <summary>
/// A change to some parameters: only the fields that are set change (last writer wins per field).
/// <see cref="ClearSeed"/> switches the seed back to random, which a null <see cref="Seed"/> cannot say.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ParameterChange(
    [property: Id(0)] string? Model = null,
    [property: Id(1)] int? Width = null,
    [property: Id(2)] int? Height = null,
    [property: Id(3)] int? Steps = null,
    [property: Id(4)] double? Guidance = null,
    [property: Id(5)] string? Scheduler = null,
    [property: Id(6)] int? Seed = null,
    [property: Id(7)] double? Strength = null,
    [property: Id(8)] bool ClearSeed = false)
{
    /// <summary>Applies the set fields; returns the new parameters and the names of the fields that changed.</summary>
    public (RoomParameters Parameters, IReadOnlyList<string> Changed) ApplyTo(RoomParameters current)
    {
        var changed = new List<string>();
        var next = current;
        if (Model is not null && Model != current.Model) { next = next with { Model = Model }; changed.Add(nameof(Model)); }
        if (Width is not null && Width != current.Width) { next = next with { Width = Width }; changed.Add(nameof(Width)); }
        if (Height is not null && Height != current.Height) { next = next with { Height = Height }; changed.Add(nameof(Height)); }
        if (Steps is { } steps && steps != current.Steps) { next = next with { Steps = steps }; changed.Add(nameof(Steps)); }
        if (Guidance is { } guidance && !guidance.Equals(current.Guidance)) { next = next with { Guidance = guidance }; changed.Add(nameof(Guidance)); }
        if (Scheduler is not null && Scheduler != current.Scheduler) { next = next with { Scheduler = Scheduler }; changed.Add(nameof(Scheduler)); }
        if (Strength is { } strength && !strength.Equals(current.Strength)) { next = next with { Strength = strength }; changed.Add(nameof(Strength)); }
        if (ClearSeed && current.Seed is not null) { next = next with { Seed = null }; changed.Add(nameof(Seed)); }
        else if (Seed is not null && Seed != current.Seed) { next = next with { Seed = Seed }; changed.Add(nameof(Seed)); }
        return (next, changed);
    }
}
