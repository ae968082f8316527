using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// The recipe of a finished run as it was when its job started, so a version saved later records what made the
/// image shown, not what the room has been edited into since.
/// </summary>
/// <param name="Strokes">The mask strokes the run inpainted with (empty when it used no mask), with their authors.</param>
/// <param name="MaskWidth">Width of the canvas the strokes are on.</param>
/// <param name="Seed">The seed the engine actually used; null when it did not say.</param>
/// <param name="Model">The model that ran (the renderer's choice when the room named none); null when not known.</param>
/// <param name="Elapsed">How long the generation took.</param>
/// <param name="OriginVersionId">The version the room was restored from before this run started, if any.</param>
/// <param name="HadInitImage">Whether the run started from an image (kept beside the recipe, not in it, to keep snapshots small).</param>
[GenerateSerializer, Immutable]
public sealed record RunRecipe(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] PromptSnapshot Prompt,
    [property: Id(2)] PromptSnapshot NegativePrompt,
    [property: Id(3)] RoomParameters Parameters,
    [property: Id(4)] IReadOnlyList<MaskStroke> Strokes,
    [property: Id(5)] int MaskWidth,
    [property: Id(6)] int MaskHeight,
    [property: Id(7)] Guid RanBy,
    [property: Id(8)] string RanByName,
    [property: Id(9)] int? Seed,
    [property: Id(10)] string? Model,
    [property: Id(11)] DateTimeOffset RequestedAt,
    [property: Id(12)] TimeSpan Elapsed,
    [property: Id(13)] Guid? OriginVersionId,
    [property: Id(14)] bool HadInitImage);

/// <summary>The room's last finished run as a version is saved from it: its image, its recipe and the image it started from.</summary>
[GenerateSerializer, Immutable]
public sealed record FinishedRun(
    [property: Id(0)] RunRecipe Recipe,
    [property: Id(1)] RoomImage Result,
    [property: Id(2)] byte[]? InitImage);

/// <summary>A saved version's recipe, to put back into the room (<see cref="IRoomGrain.RestoreVersion"/>).</summary>
/// <param name="MaskWidth">Width of the canvas the strokes were painted on.</param>
[GenerateSerializer, Immutable]
public sealed record RestoredRecipe(
    [property: Id(0)] Guid VersionId,
    [property: Id(1)] string Title,
    [property: Id(2)] PromptSnapshot Prompt,
    [property: Id(3)] PromptSnapshot NegativePrompt,
    [property: Id(4)] RoomParameters Parameters,
    [property: Id(5)] IReadOnlyList<MaskStroke> Strokes,
    [property: Id(6)] int MaskWidth,
    [property: Id(7)] int MaskHeight);
