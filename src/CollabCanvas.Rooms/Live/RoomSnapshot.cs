using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Live;

/// <summary>Everything a newly connected (or reconnected) participant needs to draw the room.</summary>
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
    [property: Id(11)] int MaskHeight);
