using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// One grain per room (keyed by the room id): the single writer of the room's live state. Every command
/// names its caller; the grain checks the caller's role with <see cref="RoomPolicy"/> and publishes each
/// change to the subscribed observers.
/// </summary>
public interface IRoomGrain : IGrainWithGuidKey
{
    Task<RoomSnapshot> GetSnapshot();

    /// <summary>Subscribes a node's observer; call again before <c>RoomGrain.ObserverExpiry</c> runs out to stay subscribed.</summary>
    Task Subscribe(IRoomObserver observer);

    Task Unsubscribe(IRoomObserver observer);

    /// <summary>
    /// A connection of <paramref name="caller"/> opened (a tab, a hub client). <paramref name="connection"/> names it
    /// and its web node, so the room drops it if that node dies; without one it lasts until a disconnect. A repeat of
    /// the same connection changes nothing.
    /// </summary>
    Task<RoomSnapshot> Connect(RoomCaller caller, RoomConnection? connection = null);

    /// <summary>A connection of the member closed: <paramref name="connectionId"/>, or any one of theirs when null.</summary>
    Task Disconnect(Guid memberId, Guid? connectionId = null);

    /// <summary>
    /// A web node's renewal, every <c>Presence:HeartbeatInterval</c>, for a room it shows or has people in: keeps its
    /// <paramref name="observer"/> subscribed (when given), renews the lease on its connections, brings back those the
    /// room does not know (it started again after another node died) and drops the connections of nodes silent for
    /// longer than <c>Presence:Lease</c>.
    /// </summary>
    Task Heartbeat(Guid nodeId, IRoomObserver? observer, IReadOnlyList<NodeConnection> connections);

    Task SetTyping(Guid memberId, bool isTyping);

    /// <summary>Applies an edit of the prompt or negative prompt (transformed against edits it had not seen).</summary>
    Task<PromptEditResult> EditPrompt(RoomCaller caller, PromptField field, PromptEdit edit);

    /// <summary>Adds a mask stroke; its author is the caller whatever the stroke says.</summary>
    Task<StrokeResult> AddStroke(RoomCaller caller, MaskStroke stroke);

    /// <summary>
    /// Appends points to a stroke the caller is drawing, relayed to everyone as <see cref="StrokeInProgress"/>
    /// (not saved, no revision). <see cref="AddStroke"/> with the same stroke id commits it.
    /// </summary>
    Task<RoomCommandResult> ExtendStroke(RoomCaller caller, StrokeProgress progress);

    /// <summary>Shares where the caller's caret is in a prompt (null: they left the editor), as <see cref="CaretMoved"/>.</summary>
    Task<RoomCommandResult> MoveCaret(RoomCaller caller, PromptField field, long promptRevision, TextSelection? selection);

    /// <summary>Removes the caller's own most recent stroke.</summary>
    Task<StrokeResult> UndoStroke(RoomCaller caller);

    /// <summary>Removes every stroke (Facilitators).</summary>
    Task<RoomCommandResult> ClearMask(RoomCaller caller);

    /// <summary>Shares where the member's pointer is on the canvas.</summary>
    Task MovePointer(Guid memberId, float x, float y);

    Task<RoomCommandResult> ChangeParameters(RoomCaller caller, ParameterChange change);

    /// <summary>
    /// Sets the room's init image (an image the app has already stored) or clears it (null): an EditParameters
    /// action, last writer wins, shown with who set it. Generate then runs img2img from it, or inpaints it when a
    /// mask is painted.
    /// </summary>
    Task<RoomCommandResult> SetInitImage(RoomCaller caller, InitImageRef? image);

    Task<RoomCommandResult> SetLiveMode(RoomCaller caller, bool isLive);

    /// <summary>Queues a generation of the room's current recipe.</summary>
    Task<RoomCommandResult> Generate(RoomCaller caller);

    /// <summary>Cancels the room's job: its requester may, and a Facilitator may cancel anyone's.</summary>
    Task<RoomCommandResult> Cancel(RoomCaller caller);

    /// <summary>
    /// Puts a saved version's recipe back as one change by <paramref name="caller"/>: prompts with their original
    /// authors, parameters, strokes. The version becomes the room's origin (the parent of versions saved from later runs).
    /// </summary>
    Task<RoomCommandResult> RestoreVersion(RoomCaller caller, RestoredRecipe recipe);

    /// <summary>
    /// Tells everyone watching the room that its saved versions changed (called by the app after it committed a
    /// save, an edit or a restore), as <see cref="VersionsChanged"/>. No role check: it changes nothing in the room.
    /// </summary>
    Task NotifyVersionsChanged(Guid versionId);

    /// <summary>The last finished run with its image and recipe (what a version is saved from); null before the first.</summary>
    Task<FinishedRun?> GetFinishedRun();

    /// <summary>Called by the renderer with the progress of the room's job.</summary>
    Task ReportRender(Guid jobId, RenderReport report);

    /// <summary>The member's role changed or they were removed (null): updates presence; <paramref name="change"/> says who did it, for the timeline.</summary>
    Task MemberChanged(Guid memberId, RoomRole? newRole, MemberChange? change = null);

    /// <summary>Writes the timeline entries the room has not written yet (before an export reads the timeline).</summary>
    Task FlushTimeline();
}
