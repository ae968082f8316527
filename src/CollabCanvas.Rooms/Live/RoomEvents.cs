using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Live;

/// <summary>Something that changed in a room, pushed to every node that watches it.</summary>
/// <param name="Revision">The room's event counter after this event; a watcher that sees a gap resyncs from a snapshot.</param>
[GenerateSerializer, Immutable]
public abstract record RoomEvent([property: Id(0)] long Revision);

/// <summary>Who is here changed (joined, left, typing).</summary>
[GenerateSerializer, Immutable]
public sealed record PresenceChanged(long Revision, [property: Id(0)] IReadOnlyList<PresentMember> Present, [property: Id(1)] string? Notice)
    : RoomEvent(Revision);

/// <summary>Parameters changed; <paramref name="ChangedBy"/> says who last set each field.</summary>
[GenerateSerializer, Immutable]
public sealed record ParametersChanged(long Revision, [property: Id(0)] RoomParameters Parameters, [property: Id(1)] IReadOnlyDictionary<string, string> ChangedBy)
    : RoomEvent(Revision);

/// <summary>The generation job changed state (queued, started, finished, failed, cancelled).</summary>
[GenerateSerializer, Immutable]
public sealed record GenerationChanged(long Revision, [property: Id(0)] GenerationStatus Status, [property: Id(1)] RoomImage? Result)
    : RoomEvent(Revision);

/// <summary>One denoising step finished, with its preview frame (encoded once, shared by all).</summary>
[GenerateSerializer, Immutable]
public sealed record GenerationProgress(long Revision, [property: Id(0)] GenerationStatus Status, [property: Id(1)] RoomImage? Preview)
    : RoomEvent(Revision);

/// <summary>Live mode was switched.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveModeChanged(long Revision, [property: Id(0)] bool IsLive, [property: Id(1)] string ChangedBy)
    : RoomEvent(Revision);

/// <summary>Someone's edit of a prompt, transformed by the room: every client applies it (its author as an acknowledgement).</summary>
[GenerateSerializer, Immutable]
public sealed record PromptEdited(long Revision, [property: Id(0)] PromptField Field, [property: Id(1)] PromptApplied Applied)
    : RoomEvent(Revision);

/// <summary>A mask stroke was painted.</summary>
[GenerateSerializer, Immutable]
public sealed record StrokeAdded(long Revision, [property: Id(0)] MaskStroke Stroke)
    : RoomEvent(Revision);

/// <summary>A stroke was undone by its painter.</summary>
[GenerateSerializer, Immutable]
public sealed record StrokeRemoved(long Revision, [property: Id(0)] Guid StrokeId)
    : RoomEvent(Revision);

/// <summary>A Facilitator cleared the mask (or the image size changed); <paramref name="Width"/>×<paramref name="Height"/> is the new canvas.</summary>
[GenerateSerializer, Immutable]
public sealed record MaskCleared(long Revision, [property: Id(0)] string By, [property: Id(1)] int Width, [property: Id(2)] int Height)
    : RoomEvent(Revision);

/// <summary>Where someone's pointer is on the canvas (image coordinates); sent at most ~30 times a second.</summary>
[GenerateSerializer, Immutable]
public sealed record PointerMoved(long Revision, [property: Id(0)] Guid MemberId, [property: Id(1)] float X, [property: Id(2)] float Y)
    : RoomEvent(Revision);

/// <summary>
/// An event about something passing (a stroke being drawn): it is not part of the room's history, so it does
/// not advance the revision (<see cref="RoomEvent.Revision"/> is the room's revision when it was sent), is never
/// saved, and a watcher applies it at once instead of waiting for its turn. Missing one loses nothing that lasts.
/// </summary>
[GenerateSerializer, Immutable]
public abstract record TransientRoomEvent(long Revision) : RoomEvent(Revision);

/// <summary>Points appended to <paramref name="Author"/>'s stroke while they draw it; its <c>StrokeAdded</c> replaces it.</summary>
[GenerateSerializer, Immutable]
public sealed record StrokeInProgress(long Revision, [property: Id(0)] Guid Author, [property: Id(1)] StrokeProgress Progress)
    : TransientRoomEvent(Revision);

/// <summary>A stroke in progress that will not be committed (its painter left, stopped sending, or the room refused it): stop showing it.</summary>
[GenerateSerializer, Immutable]
public sealed record StrokeAbandoned(long Revision, [property: Id(0)] Guid Author, [property: Id(1)] Guid StrokeId)
    : TransientRoomEvent(Revision);

/// <summary>
/// Where someone's caret (or selection) is in a prompt, in the text as it stands at this event's revision;
/// null when they left the editor. Later <see cref="PromptEdited"/> events move it (<see cref="TextSelection.Transform"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CaretMoved(long Revision, [property: Id(0)] Guid MemberId, [property: Id(1)] PromptField Field, [property: Id(2)] TextSelection? Selection)
    : RoomEvent(Revision);

/// <summary>
/// Someone restored a saved version's recipe, as one change: both prompts (with their original authors, under new
/// revisions), the parameters and the mask are replaced. Clients start their prompt editors over from
/// <paramref name="Prompt"/> and <paramref name="NegativePrompt"/> (as after a resync); an edit they had in flight
/// was made on the replaced text and is refused.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RecipeRestored(
    long Revision,
    [property: Id(0)] Guid VersionId,
    [property: Id(1)] string Title,
    [property: Id(2)] string By,
    [property: Id(3)] PromptSnapshot Prompt,
    [property: Id(4)] PromptSnapshot NegativePrompt,
    [property: Id(5)] RoomParameters Parameters,
    [property: Id(6)] IReadOnlyDictionary<string, string> ParametersChangedBy,
    [property: Id(7)] IReadOnlyList<MaskStroke> Strokes,
    [property: Id(8)] int MaskWidth,
    [property: Id(9)] int MaskHeight)
    : RoomEvent(Revision);

/// <summary>
/// A Facilitator removed the member from the room: every view of that member stops showing the room (its hub
/// connections leave the room's group right after this event), and the room refuses them from now on.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MemberRemoved(long Revision, [property: Id(0)] Guid MemberId)
    : RoomEvent(Revision);

/// <summary>A Facilitator changed the member's role: their views re-check what they may do.</summary>
[GenerateSerializer, Immutable]
public sealed record MemberRoleChanged(long Revision, [property: Id(0)] Guid MemberId, [property: Id(1)] RoomRole Role)
    : RoomEvent(Revision);

/// <summary>
/// The room's saved versions changed (one was saved, retitled or restored), so galleries reload their list.
/// The versions live in the database, not in the room, so this is transient: it carries no state, and a gallery
/// that misses one still has its Refresh button.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VersionsChanged(long Revision, [property: Id(0)] Guid VersionId)
    : TransientRoomEvent(Revision);
