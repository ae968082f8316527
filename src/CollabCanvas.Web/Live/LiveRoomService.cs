using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Rooms;

namespace CollabCanvas.Web.Live;

/// <summary>
/// The facade components, the hub and the API use for a room's live state. Every call first asks
/// <see cref="RoomService"/> (the one authorization gate) for the caller, then spends from the member's flood
/// allowance (<see cref="RoomFloodGuard"/>: the same buckets whether the call came from a circuit, the hub or
/// the API), then talks to the room's grain.
/// </summary>
public sealed class LiveRoomService(RoomService rooms, IGrainFactory grains, RoomEventRelay relay, NodePresence presence, RoomFloodGuard flood)
{
    /// <summary>
    /// Opens a presence connection: the person appears in the room until <see cref="DisconnectAsync"/> (or until this
    /// node dies: the room then drops it within <c>Presence:Lease</c>).
    /// </summary>
    public async Task<RoomResult<(LiveConnection Connection, RoomSnapshot Snapshot)>> ConnectAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default)
    {
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, RoomAction.ViewRoom, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        // Known to the node first, so any heartbeat after this carries it (the room counts a connection once).
        var connection = presence.Open(roomId, caller.Value!);
        relay.EnsureHeartbeats();
        RoomSnapshot snapshot;
        try
        {
            snapshot = await Grain(roomId).Connect(caller.Value!, connection);
        }
        catch
        {
            presence.Close(roomId, connection.ConnectionId);
            throw;
        }

        presence.Seen(roomId, snapshot.Present);
        return RoomResult<(LiveConnection, RoomSnapshot)>.Ok((new LiveConnection(roomId, caller.Value!, connection.ConnectionId), snapshot));
    }

    public async Task DisconnectAsync(LiveConnection connection)
    {
        // Forgotten by the node first: a heartbeat from now on no longer carries it, and the room ignores one sent before.
        presence.Close(connection.RoomId, connection.ConnectionId);
        await Grain(connection.RoomId).Disconnect(connection.Caller.MemberId, connection.ConnectionId);
    }

    public Task<IAsyncDisposable> WatchAsync(Guid roomId, Func<LocalRoomEvent, Task> subscriber) => relay.WatchAsync(roomId, subscriber);

    public async Task<RoomResult<RoomSnapshot>> GetSnapshotAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default)
    {
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, RoomAction.ViewRoom, cancellationToken);
        return caller.Succeeded ? RoomResult<RoomSnapshot>.Ok(await Grain(roomId).GetSnapshot()) : caller.Error!;
    }

    public Task<RoomResult<bool>> ChangeParametersAsync(RoomActor actor, Guid roomId, ParameterChange change, CancellationToken cancellationToken = default) =>
        CommandAsync(actor, roomId, RoomAction.EditParameters, (grain, caller) => grain.ChangeParameters(caller, change), cancellationToken);

    public Task<RoomResult<bool>> GenerateAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default) =>
        CommandAsync(actor, roomId, RoomAction.Generate, (grain, caller) => grain.Generate(caller), cancellationToken);

    public Task<RoomResult<bool>> SetLiveModeAsync(RoomActor actor, Guid roomId, bool isLive, CancellationToken cancellationToken = default) =>
        CommandAsync(actor, roomId, RoomAction.Generate, (grain, caller) => grain.SetLiveMode(caller, isLive), cancellationToken);

    /// <summary>Anyone who can view may ask; the grain lets requesters cancel their own and Facilitators any.</summary>
    public Task<RoomResult<bool>> CancelAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default) =>
        CommandAsync(actor, roomId, RoomAction.ViewRoom, (grain, caller) => grain.Cancel(caller), cancellationToken);

    /// <summary>Sends an edit of a prompt; the applied edit reaches everyone (this person too) as a room event.</summary>
    public async Task<RoomResult<PromptApplied>> EditPromptAsync(RoomActor actor, Guid roomId, PromptField field, PromptEdit edit, CancellationToken cancellationToken = default)
    {
        var caller = await AuthorizeChangeAsync(actor, roomId, RoomAction.EditPrompt, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        var result = await Grain(roomId).EditPrompt(caller.Value!, field, edit);
        return result.Succeeded
            ? RoomResult<PromptApplied>.Ok(result.Applied!)
            : RoomResult<PromptApplied>.Fail(RoomErrorKind.Invalid, result.Error!);
    }

    public Task<RoomResult<MaskStroke>> AddStrokeAsync(RoomActor actor, Guid roomId, MaskStroke stroke, CancellationToken cancellationToken = default) =>
        StrokeAsync(actor, roomId, (grain, caller) => grain.AddStroke(caller, stroke), cancellationToken);

    public Task<RoomResult<MaskStroke>> UndoStrokeAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default) =>
        StrokeAsync(actor, roomId, (grain, caller) => grain.UndoStroke(caller), cancellationToken);

    public Task<RoomResult<bool>> ClearMaskAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default) =>
        CommandAsync(actor, roomId, RoomAction.ClearMask, (grain, caller) => grain.ClearMask(caller), cancellationToken);

    /// <summary>Shares the member's pointer; refused (and dropped) past their pointer allowance.</summary>
    public async Task<RoomResult<bool>> MovePointerAsync(Guid roomId, Guid memberId, float x, float y)
    {
        if (flood.Check(roomId, memberId, RoomAllowance.Pointer) is { } refused)
        {
            return refused;
        }

        await Grain(roomId).MovePointer(memberId, x, y);
        return RoomResult<bool>.Ok(true);
    }

    /// <summary>
    /// Appends points to the caller's stroke in progress. <paramref name="caller"/> is who this connection was
    /// admitted as (<see cref="ConnectAsync"/>): batches come ~30 times a second, so there is no database look-up
    /// per batch; the grain checks the person is present and their role as presence has it now.
    /// </summary>
    public async Task<RoomResult<bool>> ExtendStrokeAsync(RoomCaller caller, Guid roomId, StrokeProgress progress) =>
        flood.Check(roomId, caller.MemberId, RoomAllowance.Pointer) ?? ToResult(await Grain(roomId).ExtendStroke(caller, progress));

    /// <summary>Shares where the caller's caret is in a prompt (null: they left it); admitted like <see cref="ExtendStrokeAsync"/>; both count against the pointer allowance.</summary>
    public async Task<RoomResult<bool>> MoveCaretAsync(RoomCaller caller, Guid roomId, PromptField field, long promptRevision, TextSelection? selection) =>
        flood.Check(roomId, caller.MemberId, RoomAllowance.Pointer) ?? ToResult(await Grain(roomId).MoveCaret(caller, field, promptRevision, selection));

    public async Task SetTypingAsync(Guid roomId, Guid memberId, bool isTyping) => await Grain(roomId).SetTyping(memberId, isTyping);

    private async Task<RoomResult<bool>> CommandAsync(
        RoomActor actor, Guid roomId, RoomAction action, Func<IRoomGrain, RoomCaller, Task<RoomCommandResult>> command, CancellationToken cancellationToken)
    {
        var caller = await AuthorizeChangeAsync(actor, roomId, action, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        return ToResult(await command(Grain(roomId), caller.Value!));
    }

    private static RoomResult<bool> ToResult(RoomCommandResult result)
    {
        return result.Refusal switch
        {
            RefusalKind.None => RoomResult<bool>.Ok(true),
            RefusalKind.Forbidden => RoomResult<bool>.Fail(RoomErrorKind.Forbidden, result.Error!),
            RefusalKind.Invalid => RoomResult<bool>.Fail(RoomErrorKind.Invalid, result.Error!),
            _ => RoomResult<bool>.Fail(RoomErrorKind.Conflict, result.Error!),
        };
    }

    private async Task<RoomResult<MaskStroke>> StrokeAsync(
        RoomActor actor, Guid roomId, Func<IRoomGrain, RoomCaller, Task<StrokeResult>> command, CancellationToken cancellationToken)
    {
        var caller = await AuthorizeChangeAsync(actor, roomId, RoomAction.PaintMask, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        var result = await command(Grain(roomId), caller.Value!);
        return result.Succeeded
            ? RoomResult<MaskStroke>.Ok(result.Stroke!)
            : RoomResult<MaskStroke>.Fail(RoomErrorKind.Invalid, result.Error!);
    }

    /// <summary>
    /// The gate for anything that changes the room: within the person's flood allowance in this room (asked
    /// first, so a flood is refused before it costs a database read), then allowed by the role table.
    /// </summary>
    private async Task<RoomResult<RoomCaller>> AuthorizeChangeAsync(RoomActor actor, Guid roomId, RoomAction action, CancellationToken cancellationToken) =>
        flood.Check(roomId, actor, RoomAllowance.Change) is { } refused
            ? refused
            : await rooms.AuthorizeCallerAsync(actor, roomId, action, cancellationToken);

    private IRoomGrain Grain(Guid roomId) => grains.GetGrain<IRoomGrain>(roomId);
}
