namespace CollabCanvas.Data.Entities;

/// <summary>
/// A saved result of a room with its full recipe and who made it. Immutable once saved except <see cref="Title"/>
/// and <see cref="Note"/>, whose changes are kept as <see cref="RoomVersionEdit"/> rows; <see cref="AppDbContext"/>
/// refuses any other change. Structured parts (authorship spans, strokes, parameters, credits) are JSON so the row is
/// exactly what was saved, whatever the live types become later.
/// </summary>
public sealed class RoomVersion
{
    public Guid Id { get; set; }

    public Guid RoomId { get; set; }

    /// <summary>SHA-256 of the PNG in the image store (its thumbnail is derived from it there).</summary>
    public string ImageHash { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    public string Title { get; set; } = "";

    public string Note { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public Guid SavedByMemberId { get; set; }

    /// <summary>The saver's display name when they saved (names can change later; the credit should not).</summary>
    public string SavedByName { get; set; } = "";

    /// <summary>Who started the generation; null when the room no longer knew (e.g. saved after a restart).</summary>
    public Guid? RanByMemberId { get; set; }

    public string? RanByName { get; set; }

    public string ModelName { get; set; } = "";

    /// <summary>The engine's fingerprint of the model folder's files, when the model was installed at save time.</summary>
    public string? ModelFingerprint { get; set; }

    /// <summary>The scheduler that ran (the engine default filled in when the room named none).</summary>
    public string Scheduler { get; set; } = "";

    public string Prompt { get; set; } = "";

    /// <summary>JSON array of <c>{author, start, length}</c> covering <see cref="Prompt"/>.</summary>
    public string PromptAuthorsJson { get; set; } = "[]";

    public string NegativePrompt { get; set; } = "";

    public string NegativePromptAuthorsJson { get; set; } = "[]";

    /// <summary>JSON of the room's parameters as they stood (steps, guidance, strength, requested size and seed).</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>The seed actually used; null when the room no longer knew it.</summary>
    public long? Seed { get; set; }

    /// <summary>JSON array of the mask strokes with their authors.</summary>
    public string StrokesJson { get; set; } = "[]";

    /// <summary>JSON array of the credits: member, name, colour, prompt share, strokes, ran, saved.</summary>
    public string ContributorsJson { get; set; } = "[]";

    /// <summary>The version this one was made from: the one the room was restored from, or the one whose image the run started from.</summary>
    public Guid? ParentVersionId { get; set; }

    /// <summary>SHA-256 of the rasterised mask (a greyscale PNG in the image store) when the run inpainted; null otherwise.</summary>
    public string? MaskImageHash { get; set; }

    /// <summary>SHA-256 of the image the run started from (an uploaded init image or the room's previous result), when it had one.</summary>
    public string? InitImageHash { get; set; }

    /// <summary>How long the generation took, when known.</summary>
    public long? GenerationMilliseconds { get; set; }
}
