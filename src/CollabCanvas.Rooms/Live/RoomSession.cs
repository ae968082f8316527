namespace CollabCanvas.Rooms.Live;

/// <summary>
/// What a programmatic client gets back when it joins a room over the rooms hub: who the room knows it as
/// (its member id is the author of its edits and strokes) and the room as it stands.
/// Events with a <see cref="RoomEvent.Revision"/> up to <c>Snapshot.Revision</c> are already in the snapshot.
/// </summary>
public sealed record RoomSession(RoomCaller Me, RoomSnapshot Snapshot);
