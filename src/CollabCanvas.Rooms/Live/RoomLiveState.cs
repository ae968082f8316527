using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// What of a live room survives a restart: the texts with their authors, parameters, the mask and the last
/// image with the recipe of the run that made it (and the image that run started from), and the version the room
/// was last restored from. Presence and the running job do not (people reconnect; a job is simply not resumed).
/// </summary>
public sealed record RoomLiveState(
    PromptSnapshot Prompt,
    PromptSnapshot NegativePrompt,
    RoomParameters Parameters,
    IReadOnlyDictionary<string, string> ParametersChangedBy,
    IReadOnlyList<MaskStroke> Strokes,
    int MaskWidth,
    int MaskHeight,
    RoomImage? LastResult,
    bool IsLive,
    RunRecipe? LastRun = null,
    byte[]? LastRunInitImage = null,
    Guid? OriginVersionId = null);

/// <summary>Keeps each room's <see cref="RoomLiveState"/> (the database, in the app).</summary>
public interface IRoomStateStore
{
    Task<RoomLiveState?> LoadAsync(Guid roomId, CancellationToken cancellationToken);

    Task SaveAsync(Guid roomId, RoomLiveState state, CancellationToken cancellationToken);
}
