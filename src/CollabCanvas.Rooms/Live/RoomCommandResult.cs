namespace CollabCanvas.Rooms.Live;

/// <summary>Why a room command was refused.</summary>
public enum RefusalKind
{
    None,

    /// <summary>The caller's role does not allow it.</summary>
    Forbidden,

    /// <summary>A value is out of range or malformed.</summary>
    Invalid,

    /// <summary>The room's state does not allow it now (e.g. a job is already running).</summary>
    Conflict,
}

/// <summary>The answer to a command sent to a room: done, or refused with a message for that person.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomCommandResult([property: Id(0)] bool Succeeded, [property: Id(1)] string? Error, [property: Id(2)] RefusalKind Refusal)
{
    public static RoomCommandResult Ok { get; } = new(true, null, RefusalKind.None);

    public static RoomCommandResult Refused(RefusalKind kind, string error) => new(false, error, kind);
}
