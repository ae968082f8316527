using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Web.Versions;

/// <summary>A person credited on a version, as saved (name and colour as they were then).</summary>
/// <param name="ColorIndex">Index into <see cref="MemberPalette"/>, the colour they had in the room.</param>
public sealed record VersionContributor(
    Guid MemberId,
    string Name,
    int ColorIndex,
    int PromptCharacters,
    double PromptShare,
    int NegativePromptCharacters,
    int MaskStrokes,
    bool Ran,
    bool Saved);

/// <summary>A version in the room's gallery.</summary>
public sealed record VersionSummary(
    Guid Id,
    Guid RoomId,
    string Title,
    DateTimeOffset CreatedAt,
    string SavedByName,
    int Width,
    int Height,
    Guid? ParentVersionId,
    IReadOnlyList<VersionContributor> Contributors);

/// <summary>One recorded change of a version's title or note.</summary>
public sealed record VersionEditRecord(string EditedByName, DateTimeOffset EditedAt, string OldTitle, string NewTitle, string OldNote, string NewNote);

/// <summary>Everything saved with a version: the recipe with authorship, and its attribution.</summary>
/// <param name="Seed">The seed actually used; null when the room no longer knew it.</param>
/// <param name="MaskImageHash">The rasterised mask the run inpainted with (in the image store), if it had one.</param>
/// <param name="InitImageHash">The image the run started from (in the image store), if it had one.</param>
public sealed record VersionDetails(
    VersionSummary Summary,
    string Note,
    Guid SavedByMemberId,
    Guid? RanByMemberId,
    string? RanByName,
    string ModelName,
    string? ModelFingerprint,
    string Scheduler,
    PromptSnapshot Prompt,
    PromptSnapshot NegativePrompt,
    RoomParameters Parameters,
    long? Seed,
    IReadOnlyList<MaskStroke> Strokes,
    TimeSpan? GenerationTime,
    IReadOnlyList<VersionEditRecord> Edits,
    string? MaskImageHash = null,
    string? InitImageHash = null);

/// <summary>Body of a save: an optional title.</summary>
public sealed record SaveVersionBody(string? Title);

/// <summary>Body of a title/note change; a null field stays as it is.</summary>
public sealed record EditVersionBody(string? Title, string? Note);
