namespace CollabCanvas.Rooms.Versions;

/// <summary>
/// Who may change a saved version's title and note: whoever saved it (while they may still edit at all, see
/// <see cref="RoomAction.EditVersionNote"/> in <see cref="RoomPolicy"/>) and any Facilitator. Ownership is not a role,
/// so it is checked here, after the role table.
/// </summary>
public static class VersionNoteRule
{
    public static bool MayEdit(RoomRole role, Guid callerMemberId, Guid savedByMemberId) =>
        role == RoomRole.Facilitator || (callerMemberId == savedByMemberId && RoomPolicy.Allows(role, RoomAction.EditVersionNote));

    public const string Refusal = "Only the person who saved this version or a Facilitator may change its title and note.";
}
