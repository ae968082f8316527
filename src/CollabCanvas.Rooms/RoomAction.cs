namespace CollabCanvas.Rooms;

/// <summary>
/// Everything a person can do to a room. Every action goes through <see cref="RoomPolicy"/>;
/// later features add their actions here and to the table in <see cref="RoomPolicy"/>.
/// </summary>
public enum RoomAction
{
    ViewRoom,
    RenameRoom,
    ChangeRole,
    RemoveParticipant,
    CreateInvite,

    /// <summary>Type in the prompt and negative prompt.</summary>
    EditPrompt,

    /// <summary>Change model, size, steps, guidance, scheduler, seed, strength.</summary>
    EditParameters,

    /// <summary>Paint or erase mask strokes, undo one's own.</summary>
    PaintMask,

    /// <summary>Remove every stroke of every author.</summary>
    ClearMask,

    /// <summary>Start a generation (and switch live mode).</summary>
    Generate,

    /// <summary>Cancel a generation someone else started (anyone may cancel their own).</summary>
    CancelAnyGeneration,

    /// <summary>Save the room's last result as an attributed version.</summary>
    SaveVersion,

    /// <summary>Change a version's title or note; also needs to be its saver or a Facilitator (<see cref="Versions.VersionNoteRule"/>).</summary>
    EditVersionNote,

    /// <summary>Bring a saved version's recipe (prompts with their authors, parameters, mask) back into the room.</summary>
    RestoreVersion,

    /// <summary>Download the whole session: every version, the version tree with credits, and the room's timeline.</summary>
    ExportSession,
}
