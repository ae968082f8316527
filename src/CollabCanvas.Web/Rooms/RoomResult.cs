using CollabCanvas.Rooms;

namespace CollabCanvas.Web.Rooms;

/// <summary>Why a room operation did not happen; endpoints map it to an HTTP status.</summary>
public enum RoomErrorKind
{
    NotSignedIn,
    Forbidden,
    NotFound,
    Invalid,
    Conflict,

    /// <summary>The person sent more than their flood allowance (HTTP 429).</summary>
    TooManyRequests,
}

/// <summary>A refused or failed room operation, with a message fit to show the person.</summary>
/// <param name="Field">The input the error is about ("Code", "DisplayName", "Name"…), when there is one.</param>
public sealed record RoomError(RoomErrorKind Kind, string Message, string? Field = null)
{
    public static RoomError FromDecision(RoomDecision decision) => decision.Reason switch
    {
        DenialReason.NotSignedIn => new(RoomErrorKind.NotSignedIn, decision.Message),
        DenialReason.RoomNotFound => new(RoomErrorKind.NotFound, decision.Message),
        _ => new(RoomErrorKind.Forbidden, decision.Message),
    };
}

/// <summary>The outcome of a room operation: a value, or an error; never an exception for a person's mistake.</summary>
public sealed record RoomResult<T>
{
    private RoomResult(T? value, RoomError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public RoomError? Error { get; }

    public bool Succeeded => Error is null;

    public static RoomResult<T> Ok(T value) => new(value, null);

    public static RoomResult<T> Fail(RoomError error) => new(default, error);

    public static RoomResult<T> Fail(RoomErrorKind kind, string message, string? field = null) =>
        new(default, new RoomError(kind, message, field));

    public static implicit operator RoomResult<T>(RoomError error) => Fail(error);
}
