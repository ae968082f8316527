namespace CollabCanvas.Rooms.Live;

/// <summary>
/// One open connection to a room (a tab, a hub client), named by the web node that holds it so the room can drop
/// it when that node dies. <see cref="NoNode"/>: a connection no node renews, which only a disconnect ends.
/// </summary>
/// <param name="ColorIndex">The colour the node last saw the member in, if any: a room that started again elsewhere
/// gives it back (when still free), so people keep their colours through a failover.</param>
[GenerateSerializer, Immutable]
public sealed record RoomConnection(
    [property: Id(0)] Guid ConnectionId,
    [property: Id(1)] Guid NodeId,
    [property: Id(2)] int? ColorIndex = null)
{
    public static readonly Guid NoNode = Guid.Empty;
}

/// <summary>
/// A connection a node still holds, as its heartbeat reports it: who it is (name, role) and the colour the room
/// showed them in, so a room that started again elsewhere takes them back as they were.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeConnection(
    [property: Id(0)] Guid ConnectionId,
    [property: Id(1)] RoomCaller Caller,
    [property: Id(2)] int? ColorIndex);
