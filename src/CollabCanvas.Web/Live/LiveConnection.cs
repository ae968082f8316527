using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Live;

/// <summary>One presence connection this node opened (<see cref="LiveRoomService.ConnectAsync"/>); close it with <see cref="LiveRoomService.DisconnectAsync"/>.</summary>
public sealed record LiveConnection(Guid RoomId, RoomCaller Caller, Guid ConnectionId);
