using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.SignalR;

namespace CollabCanvas.Web.Hubs;

/// <summary>
/// The rooms hub (<c>/hubs/rooms</c>) for programmatic clients: painting-app plugins, scripts, the load
/// benchmark. Thin on purpose: every call goes through <see cref="LiveRoomService"/>, so who may do what is
/// decided exactly as for the pages. A refused call throws a <see cref="HubException"/>, which reaches that
/// caller only as an error with the message; the connection and the room carry on. Flood limits are
/// <see cref="LiveRoomService"/>'s, shared with the member's browser tabs.
/// Room events arrive as client methods named after their records (<see cref="RoomHubEvents"/>).
/// </summary>
public sealed class RoomsHub(LiveRoomService live, RoomHubBroadcaster broadcaster, RoomHubGroups groups, ILogger<RoomsHub> logger) : Hub
{
    private RoomActor Actor => Context.User.ToRoomActor();

    private CancellationToken Aborted => Context.ConnectionAborted;

    /// <summary>Enters the room's presence and its event stream; returns who you are there and the room now.</summary>
    public async Task<RoomSession> Join(Guid roomId)
    {
        var actor = Actor;
        var joined = JoinedRooms.Of(Context);
        if (joined.TryGet(roomId, out var already))
        {
            return new RoomSession(already, Ok(await live.GetSnapshotAsync(actor, roomId, Aborted)));
        }

        // Authorize and appear in presence first: a refused person never gets near the room's group.
        var (connection, _) = Ok(await live.ConnectAsync(actor, roomId, Aborted));
        var caller = connection.Caller;
        joined.TryAdd(connection);
        try
        {
            await broadcaster.AttachAsync(roomId, caller.MemberId, Context.ConnectionId);
            await Groups.AddToGroupAsync(Context.ConnectionId, groups.GroupFor(roomId), Aborted);

            // Taken after the group receives events, so nothing falls between it and the first event. It
            // authorizes again: someone removed while joining is refused here and taken back out of the group.
            return new RoomSession(caller, Ok(await live.GetSnapshotAsync(actor, roomId, Aborted)));
        }
        catch
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, groups.GroupFor(roomId), CancellationToken.None);
            await LeaveRoomAsync(roomId);
            throw;
        }
    }

    /// <summary>Leaves the room's presence and stops its events for this connection.</summary>
    public async Task Leave(Guid roomId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, groups.GroupFor(roomId), Aborted);
        await LeaveRoomAsync(roomId);
    }

    /// <summary>The room as it stands, to start over after missing an event.</summary>
    public async Task<RoomSnapshot> Snapshot(Guid roomId) => Ok(await live.GetSnapshotAsync(Actor, roomId, Aborted));

    /// <summary>Sends an edit of a prompt; the applied edit also reaches everyone (you too) as <c>PromptEdited</c>.</summary>
    public async Task<PromptApplied> EditPrompt(Guid roomId, PromptField field, PromptEdit edit) =>
        Ok(await live.EditPromptAsync(Actor, roomId, field, edit, Aborted));

    /// <summary>Paints a stroke; returns it as the room keeps it (you as its author).</summary>
    public async Task<MaskStroke> AddStroke(Guid roomId, MaskStroke stroke) =>
        Ok(await live.AddStrokeAsync(Actor, roomId, stroke, Aborted));

    /// <summary>Removes your own most recent stroke; returns it.</summary>
    public async Task<MaskStroke> UndoStroke(Guid roomId) =>
        Ok(await live.UndoStrokeAsync(Actor, roomId, Aborted));

    public async Task ClearMask(Guid roomId) => Ok(await live.ClearMaskAsync(Actor, roomId, Aborted));

    public async Task ChangeParameters(Guid roomId, ParameterChange change) =>
        Ok(await live.ChangeParametersAsync(Actor, roomId, change, Aborted));

    public async Task Generate(Guid roomId) => Ok(await live.GenerateAsync(Actor, roomId, Aborted));

    public async Task Cancel(Guid roomId) => Ok(await live.CancelAsync(Actor, roomId, Aborted));

    public async Task SetLive(Guid roomId, bool isLive) => Ok(await live.SetLiveModeAsync(Actor, roomId, isLive, Aborted));

    /// <summary>Shares your pointer (image coordinates); only after <see cref="Join"/>, as presence owns pointers.</summary>
    public async Task MovePointer(Guid roomId, float x, float y)
    {
        if (!JoinedRooms.Of(Context).TryGet(roomId, out var caller))
        {
            throw new HubException("Join the room before moving your pointer in it.");
        }

        Ok(await live.MovePointerAsync(roomId, caller.MemberId, x, y));
    }

    /// <summary>
    /// Appends points to a stroke you are drawing (only the new ones: <c>StartIndex</c> says where they go); everyone
    /// sees it form as <c>StrokeInProgress</c>. Commit it with <see cref="AddStroke"/> under the same id. Only after
    /// <see cref="Join"/>; counts as a pointer move.
    /// </summary>
    public async Task ExtendStroke(Guid roomId, StrokeProgress progress)
    {
        Ok(await live.ExtendStrokeAsync(JoinedAs(roomId, "drawing"), roomId, progress));
    }

    /// <summary>
    /// Shares your caret or selection in a prompt, as it stands at <paramref name="promptRevision"/>; null when you
    /// leave the editor. Everyone gets it as <c>CaretMoved</c>. Only after <see cref="Join"/>; counts as a pointer move.
    /// </summary>
    public async Task MoveCaret(Guid roomId, PromptField field, long promptRevision, TextSelection? selection)
    {
        Ok(await live.MoveCaretAsync(JoinedAs(roomId, "sharing your caret"), roomId, field, promptRevision, selection));
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var connection in JoinedRooms.Of(Context).RemoveAll())
        {
            await LeaveAsync(connection);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private async Task LeaveRoomAsync(Guid roomId)
    {
        if (JoinedRooms.Of(Context).TryRemove(roomId, out var connection))
        {
            await LeaveAsync(connection);
        }
    }

    private async Task LeaveAsync(LiveConnection connection)
    {
        try
        {
            await live.DisconnectAsync(connection);
        }
        catch (Exception ex)
        {
            // The room may be restarting; this node no longer reports the connection, so it does not come back.
            logger.LogWarning(ex, "Room {RoomId} did not take member {MemberId} leaving", connection.RoomId, connection.Caller.MemberId);
        }

        await broadcaster.DetachAsync(connection.RoomId, Context.ConnectionId);
    }

    /// <summary>Who this connection joined the room as (presence owns what only present people do).</summary>
    private RoomCaller JoinedAs(Guid roomId, string doing) =>
        JoinedRooms.Of(Context).TryGet(roomId, out var caller) ? caller : throw new HubException($"Join the room before {doing} in it.");

    private static T Ok<T>(RoomResult<T> result) => result.Succeeded ? result.Value! : throw new HubException(result.Error!.Message);
}
