using CollabCanvas.Web.Rooms;

namespace CollabCanvas.Web.Endpoints;

/// <summary>Maps a <see cref="RoomError"/> to a problem-details response with a clear message.</summary>
internal static class RoomErrorResults
{
    public static IResult ToProblem(this RoomError error)
    {
        var status = error.Kind switch
        {
            RoomErrorKind.NotSignedIn => StatusCodes.Status401Unauthorized,
            RoomErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            RoomErrorKind.NotFound => StatusCodes.Status404NotFound,
            RoomErrorKind.Conflict => StatusCodes.Status409Conflict,
            RoomErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = error.Field is null ? null : new Dictionary<string, object?> { ["field"] = error.Field };
        return TypedResults.Problem(detail: error.Message, statusCode: status, extensions: extensions);
    }

    public static IResult ToHttpResult<T>(this RoomResult<T> result) =>
        result.Succeeded ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
}
