using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;

namespace CollabCanvas.Web.Endpoints;

/// <summary>
/// The rooms HTTP API (JSON), for scripts and tests; the Blazor pages call the same <see cref="RoomService"/>.
/// Authorization happens in the service, so these handlers stay thin. State changes need a JSON body or a
/// non-simple method, which browsers do not send cross-site without CORS, and the cookies are SameSite.
/// </summary>
public static class RoomsApi
{
    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/rooms").WithTags("Rooms");
        rooms.MapGet("/", ListMine);
        rooms.MapGet("/{roomId:guid}", GetRoom);
        rooms.MapPut("/{roomId:guid}/name", RenameRoom);
        rooms.MapPut("/{roomId:guid}/members/{memberId:guid}/role", ChangeRole);
        rooms.MapDelete("/{roomId:guid}/members/{memberId:guid}", RemoveParticipant);
        rooms.MapPost("/{roomId:guid}/invites", CreateInvite);
        rooms.MapGet("/{roomId:guid}/live", GetLive);
        rooms.MapPut("/{roomId:guid}/parameters", ChangeParameters);
        rooms.MapPost("/{roomId:guid}/generate", Generate);
        rooms.MapPost("/{roomId:guid}/cancel", Cancel);
        rooms.MapPut("/{roomId:guid}/live", SetLiveMode);
        rooms.MapPost("/{roomId:guid}/prompt", EditPrompt);
        rooms.MapPost("/{roomId:guid}/mask/strokes", AddStroke);
        rooms.MapPost("/{roomId:guid}/mask/undo", UndoStroke);
        rooms.MapDelete("/{roomId:guid}/mask", ClearMask);
        app.MapInitImageApi();
        return app;
    }

    /// <summary>Body of a rename.</summary>
    public sealed record RenameRoomBody(string? Name, string? Description);

    /// <summary>Body of a role change.</summary>
    public sealed record ChangeRoleBody(RoomRole Role);

    /// <summary>Body of an invite request.</summary>
    public sealed record CreateInviteBody(RoomRole Role);

    /// <summary>Body of a live-mode switch.</summary>
    public sealed record LiveModeBody(bool IsLive);

    /// <summary>Body of a prompt edit: which text, and the edit against a revision (see PromptEdit).</summary>
    public sealed record PromptEditBody(PromptField Field, PromptEdit Edit);

    private static async Task<IResult> EditPrompt(Guid roomId, PromptEditBody body, HttpContext http, LiveRoomService live, CancellationToken cancellationToken) =>
        body.Edit is null
            ? new RoomError(RoomErrorKind.Invalid, "The edit is missing.").ToProblem()
            : (await live.EditPromptAsync(http.User.ToRoomActor(), roomId, body.Field, body.Edit, cancellationToken)).ToHttpResult();

    private static async Task<IResult> AddStroke(Guid roomId, MaskStroke stroke, HttpContext http, LiveRoomService live, CancellationToken cancellationToken) =>
        (await live.AddStrokeAsync(http.User.ToRoomActor(), roomId, stroke, cancellationToken)).ToHttpResult();

    private static async Task<IResult> UndoStroke(Guid roomId, HttpContext http, LiveRoomService live, CancellationToken cancellationToken) =>
        (await live.UndoStrokeAsync(http.User.ToRoomActor(), roomId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> ClearMask(Guid roomId, HttpContext http, LiveRoomService live, CancellationToken cancellationToken) =>
        (await live.ClearMaskAsync(http.User.ToRoomActor(), roomId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> GetLive(Guid roomId, HttpContext http, LiveRoomService live, CancellationToken cancellationToken) =>
        (await live.GetSnapshotAsync(http.User.ToRoomActor(), roomId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> ChangeParameters(Guid roomId, ParameterChange body, HttpContext http, LiveRoomService live, CancellationToken cancellationToken) =>
        (await live.ChangeParametersAsync(http.User.ToRoomActor(), roomId, body, cancellationToken)).ToHttpResult();

    private static async Task<IResult> Generate(Guid roomId, HttpContext http, LiveRoomService live, CancellationToken cancellationToken) =>
        (await live.GenerateAsync(http.User.ToRoomActor(), roomId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> Cancel(Guid roomId, HttpContext http, LiveRoomService live, CancellationToken cancellationToken) =>
        (await live.CancelAsync(http.User.ToRoomActor(), roomId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> SetLiveMode(Guid roomId, LiveModeBody body, HttpContext http, LiveRoomService live, CancellationToken cancellationToken) =>
        (await live.SetLiveModeAsync(http.User.ToRoomActor(), roomId, body.IsLive, cancellationToken)).ToHttpResult();

    private static async Task<IResult> ListMine(HttpContext http, RoomService rooms, CancellationToken cancellationToken)
    {
        var actor = http.User.ToRoomActor();
        return actor.IsAuthenticated
            ? TypedResults.Ok(await rooms.ListMyRoomsAsync(actor, cancellationToken))
            : new RoomError(RoomErrorKind.NotSignedIn, "Sign in or join a room with its code first.").ToProblem();
    }

    private static async Task<IResult> GetRoom(Guid roomId, HttpContext http, RoomService rooms, CancellationToken cancellationToken) =>
        (await rooms.GetRoomAsync(http.User.ToRoomActor(), roomId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> RenameRoom(Guid roomId, RenameRoomBody body, HttpContext http, RoomService rooms, CancellationToken cancellationToken) =>
        (await rooms.RenameRoomAsync(http.User.ToRoomActor(), roomId, body.Name, body.Description, cancellationToken)).ToHttpResult();

    private static async Task<IResult> ChangeRole(Guid roomId, Guid memberId, ChangeRoleBody body, HttpContext http, RoomService rooms, CancellationToken cancellationToken) =>
        (await rooms.ChangeRoleAsync(http.User.ToRoomActor(), roomId, memberId, body.Role, cancellationToken)).ToHttpResult();

    private static async Task<IResult> RemoveParticipant(Guid roomId, Guid memberId, HttpContext http, RoomService rooms, CancellationToken cancellationToken) =>
        (await rooms.RemoveParticipantAsync(http.User.ToRoomActor(), roomId, memberId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> CreateInvite(Guid roomId, CreateInviteBody body, HttpContext http, RoomService rooms, CancellationToken cancellationToken) =>
        (await rooms.CreateInviteAsync(http.User.ToRoomActor(), roomId, body.Role, cancellationToken)).ToHttpResult();
}
