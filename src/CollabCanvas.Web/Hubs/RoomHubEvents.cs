using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Hubs;

/// <summary>
/// The client methods the rooms hub calls: one per room event record, named after it, with two arguments
/// (the room id and the event record). Clients register handlers under these names.
/// </summary>
public static class RoomHubEvents
{
    public const string PresenceChanged = nameof(global::CollabCanvas.Rooms.Live.PresenceChanged);
    public const string ParametersChanged = nameof(global::CollabCanvas.Rooms.Live.ParametersChanged);
    public const string GenerationChanged = nameof(global::CollabCanvas.Rooms.Live.GenerationChanged);
    public const string GenerationProgress = nameof(global::CollabCanvas.Rooms.Live.GenerationProgress);
    public const string LiveModeChanged = nameof(global::CollabCanvas.Rooms.Live.LiveModeChanged);
    public const string PromptEdited = nameof(global::CollabCanvas.Rooms.Live.PromptEdited);
    public const string StrokeAdded = nameof(global::CollabCanvas.Rooms.Live.StrokeAdded);
    public const string StrokeRemoved = nameof(global::CollabCanvas.Rooms.Live.StrokeRemoved);
    public const string MaskCleared = nameof(global::CollabCanvas.Rooms.Live.MaskCleared);
    public const string PointerMoved = nameof(global::CollabCanvas.Rooms.Live.PointerMoved);
    public const string RecipeRestored = nameof(global::CollabCanvas.Rooms.Live.RecipeRestored);
    public const string MemberRemoved = nameof(global::CollabCanvas.Rooms.Live.MemberRemoved);
    public const string MemberRoleChanged = nameof(global::CollabCanvas.Rooms.Live.MemberRoleChanged);
    public const string StrokeInProgress = nameof(global::CollabCanvas.Rooms.Live.StrokeInProgress);
    public const string StrokeAbandoned = nameof(global::CollabCanvas.Rooms.Live.StrokeAbandoned);
    public const string CaretMoved = nameof(global::CollabCanvas.Rooms.Live.CaretMoved);

    public const string VersionsChanged = nameof(global::CollabCanvas.Rooms.Live.VersionsChanged);

    /// <summary>The client method an event is sent to: its record's name.</summary>
    public static string MethodFor(RoomEvent roomEvent) => roomEvent.GetType().Name;
}
