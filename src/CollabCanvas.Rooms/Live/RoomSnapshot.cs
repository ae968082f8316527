using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Live;

/// <summary>Everything a newly connected (or reconnected) participant needs to draw the room.</summary>
/// <param name="LastRun">The recipe of the run that made <paramref name="LastResult"/> (what saving it records); null before the first.</param>
/// <param name="OriginVersionId">The version the room was last restored from: the parent of versions saved from later runs.</param>
/// <param name="Carets">Where the people here who may type have their carets, in <paramref name="Prompt"/> and
/// <paramref name="NegativePrompt"/> as they are here, so a newcomer sees them before anyone moves one.</param>
[GenerateSerializer, Immutable]
public sealed record RoomSnapshot(
    [property: Id(0)] long Revision,
    [property: Id(1)] IReadOnlyList<PresentMember> Present,
    [property: Id(2)] RoomParameters Parameters,
    [property: Id(3)] IReadOnlyDictionary<string, string> ParametersChangedBy,
    [property: Id(4)] GenerationStatus? Generation,
    [property: Id(5)] RoomImage? LastResult,
    [property: Id(6)] bool IsLive,
    [property: Id(7)] PromptSnapshot Prompt,
    [property: Id(8)] PromptSnapshot NegativePrompt,
    [property: Id(9)] IReadOnlyList<MaskStroke> Strokes,
    [property: Id(10)] int MaskWidth,
    [property: Id(11)] int MaskHeight,
    [property: Id(12)] RunRecipe? LastRun = null,
    [property: Id(13)] Guid? OriginVersionId = null,
    [property: Id(14)] IReadOnlyList<RoomCaret>? Carets = null);
