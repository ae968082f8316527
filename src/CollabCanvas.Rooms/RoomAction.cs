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
}
