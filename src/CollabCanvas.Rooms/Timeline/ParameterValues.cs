using System.Globalization;
using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Rooms.Timeline;

/// <summary>A parameter's value as the timeline writes it ("random" for no seed, "native" for no size, "none" for no init image).</summary>
public static class ParameterValues
{
    /// <summary>How a sentence names the field: "steps", "seed"… and "the init image".</summary>
    public static string Label(string field) =>
        field == nameof(RoomParameters.InitImageHash) ? "the init image" : field.ToLowerInvariant();

    /// <param name="field">A name <see cref="ParameterChange.ApplyTo"/> reports (<c>nameof(RoomParameters.Steps)</c>…).</param>
    public static string Format(RoomParameters parameters, string field) => field switch
    {
        nameof(RoomParameters.Model) => parameters.Model ?? "default",
        nameof(RoomParameters.Width) => parameters.Width?.ToString(CultureInfo.InvariantCulture) ?? "native",
        nameof(RoomParameters.Height) => parameters.Height?.ToString(CultureInfo.InvariantCulture) ?? "native",
        nameof(RoomParameters.Steps) => parameters.Steps.ToString(CultureInfo.InvariantCulture),
        nameof(RoomParameters.Guidance) => parameters.Guidance.ToString(CultureInfo.InvariantCulture),
        nameof(RoomParameters.Scheduler) => parameters.Scheduler ?? "default",
        nameof(RoomParameters.Seed) => parameters.Seed?.ToString(CultureInfo.InvariantCulture) ?? "random",
        nameof(RoomParameters.Strength) => parameters.Strength.ToString(CultureInfo.InvariantCulture),
        // The first 12 hex digits name the image well enough for a reader; the full hash is in the recipe.
        nameof(RoomParameters.InitImageHash) => parameters.InitImageHash is { } hash ? $"image {hash[..Math.Min(12, hash.Length)]}" : "none",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a parameter of the room."),
    };
}
