using System.Globalization;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// The room's generation settings. Null width/height/seed mean "the model's native size" / "random".
/// <see cref="InitImageHash"/> names the room's init image in the app's image store (SHA-256, 64 lowercase hex
/// digits); null means txt2img (or inpainting over the last result when a mask is painted). It is set only through
/// <see cref="IRoomGrain.SetInitImage"/>, never by a <see cref="ParameterChange"/>, so nobody can point a room at an
/// image they did not upload or make there.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomParameters(
    [property: Id(0)] string? Model,
    [property: Id(1)] int? Width,
    [property: Id(2)] int? Height,
    [property: Id(3)] int Steps,
    [property: Id(4)] double Guidance,
    [property: Id(5)] string? Scheduler,
    [property: Id(6)] int? Seed,
    [property: Id(7)] double Strength,
    [property: Id(8)] string? InitImageHash = null)
{
    public const int MinSteps = 1;
    public const int MaxSteps = 150;
    public const double MaxGuidance = 30;
    public const int MaxSide = 2048;

    public static RoomParameters Default { get; } = new(null, null, null, 20, 7.5, null, null, 0.75);

    /// <summary>Checks every field's range; the engine checks what depends on the model (size multiples).</summary>
    public string? Validate()
    {
        if (Steps is < MinSteps or > MaxSteps)
        {
            return $"Steps must be between {MinSteps} and {MaxSteps}.";
        }

        if (double.IsNaN(Guidance) || Guidance is < 0 or > MaxGuidance)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Guidance must be between 0 and {MaxGuidance}.");
        }

        if (double.IsNaN(Strength) || Strength is < 0 or > 1)
        {
            return "Strength must be between 0 and 1.";
        }

        if (Width is < 8 or > MaxSide || Height is < 8 or > MaxSide)
        {
            return $"Width and height must be between 8 and {MaxSide} pixels.";
        }

        if (Model is { Length: > 200 } || Scheduler is { Length: > 64 })
        {
            return "Model or scheduler name is too long.";
        }

        if (InitImageHash is not null && !InitImageRef.IsHash(InitImageHash))
        {
            return "The init image must be named by its SHA-256 (64 lowercase hex digits).";
        }

        return null;
    }
}
