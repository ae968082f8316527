namespace CollabCanvas.Rooms.Timeline;

/// <summary>What a timeline entry records. Stored by name, so add new kinds at will; never rename one.</summary>
public enum TimelineKind
{
    Joined,
    Left,

    /// <summary>A burst of one person's typing in one prompt field (characters added and removed).</summary>
    PromptEdited,

    /// <summary>One field of the recipe, by one person (a burst of changes to it keeps the first old value).</summary>
    ParameterChanged,

    /// <summary>A burst of one person's mask strokes: brush, eraser, undone.</summary>
    MaskPainted,
    MaskCleared,
    LiveModeChanged,
    GenerationRequested,
    GenerationCompleted,
    GenerationFailed,
    GenerationCancelled,
    VersionSaved,
    VersionRestored,
    RoleChanged,
    MemberRemoved,
}
