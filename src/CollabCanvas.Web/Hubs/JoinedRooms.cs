using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace CollabCanvas.Web.Hubs;

/// <summary>The rooms one hub connection has joined, as who; kept in the connection's items so a drop can leave them all.</summary>
internal sealed class JoinedRooms
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, LiveConnection> _rooms = [];

    public static JoinedRooms Of(HubCallerContext context)
    {
        lock (context.Items)
        {
            if (context.Items.TryGetValue(typeof(JoinedRooms), out var existing) && existing is JoinedRooms joined)
            {
                return joined;
            }

            var created = new JoinedRooms();
            context.Items[typeof(JoinedRooms)] = created;
            return created;
        }
    }

    public bool TryGet(Guid roomId, out RoomCaller caller)
    {
        lock (_gate)
        {
            caller = _rooms.TryGetValue(roomId, out var connection) ? connection.Caller : null!;
            return connection is not null;
        }
    }

    /// <summary>Records the join; false when this connection was already in the room.</summary>
    public bool TryAdd(LiveConnection connection)
    {
        lock (_gate)
        {
            return _rooms.TryAdd(connection.RoomId, connection);
        }
    }

    public bool TryRemove(Guid roomId, out LiveConnection connection)
    {
        lock (_gate)
        {
            return _rooms.Remove(roomId, out connection!);
        }
    }

    public IReadOnlyList<LiveConnection> RemoveAll()
    {
        lock (_gate)
        {
            var all = _rooms.Values.ToList();
            _rooms.Clear();
            return all;
        }
    }
}
