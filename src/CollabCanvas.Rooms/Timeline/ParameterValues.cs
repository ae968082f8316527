using System.Globalization;
using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Rooms.Timeline;

/// <summary>A parameter's value as the timeline writes it ("random" for no seed, "native" for no size).</summary>
public static class ParameterValues
{
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
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a parameter of the room."),
    };
}
