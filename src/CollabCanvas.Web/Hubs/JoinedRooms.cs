using CollabCanvas.Rooms.Live;
using Microsoft.AspNetCore.SignalR;

namespace CollabCanvas.Web.Hubs;

/// <summary>The rooms one hub connection has joined, as who; kept in the connection's items so a drop can leave them all.</summary>
internal sealed class JoinedRooms
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, RoomCaller> _rooms = [];

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
            return _rooms.TryGetValue(roomId, out caller!);
        }
    }

    /// <summary>Records the join; false when this connection was already in the room.</summary>
    public bool TryAdd(Guid roomId, RoomCaller caller)
    {
        lock (_gate)
        {
            return _rooms.TryAdd(roomId, caller);
        }
    }

    public bool TryRemove(Guid roomId, out RoomCaller caller)
    {
        lock (_gate)
        {
            return _rooms.Remove(roomId, out caller!);
        }
    }

    public IReadOnlyList<(Guid RoomId, RoomCaller Caller)> RemoveAll()
    {
        lock (_gate)
        {
            var all = _rooms.Select(pair => (pair.Key, pair.Value)).ToList();
            _rooms.Clear();
            return all;
        }
    }
}
