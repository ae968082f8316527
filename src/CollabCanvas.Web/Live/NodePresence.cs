using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Live;

/// <summary>
/// The room connections this web node holds (tabs, hub clients) under the node's own id: what its heartbeats tell
/// each room (<see cref="RoomEventRelay"/>), so a room that started again on another node takes this node's people
/// back, and a room that stops hearing from this node (it died) drops them. Roles and colours follow the rooms'
/// events, so people come back as the room last showed them.
/// </summary>
public sealed class NodePresence
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Dictionary<Guid, RoomCaller>> _connections = [];
    private readonly Dictionary<Guid, Dictionary<Guid, int>> _colors = [];

    /// <summary>This process's id in every room's presence (a restarted node is a new node).</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    /// <summary>Records a connection about to be opened in the room; its id names it to the room.</summary>
    public RoomConnection Open(Guid roomId, RoomCaller caller)
    {
        var connectionId = Guid.NewGuid();
        lock (_gate)
        {
            if (!_connections.TryGetValue(roomId, out var room))
            {
                _connections[roomId] = room = [];
            }

            room[connectionId] = caller;
            return new RoomConnection(connectionId, NodeId, ColorOf(roomId, caller.MemberId));
        }
    }

    public void Close(Guid roomId, Guid connectionId)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(roomId, out var room) && room.Remove(connectionId) && room.Count == 0)
            {
                _connections.Remove(roomId);
                _colors.Remove(roomId);
            }
        }
    }

    /// <summary>Rooms this node has people in.</summary>
    public IReadOnlyList<Guid> Rooms()
    {
        lock (_gate)
        {
            return [.. _connections.Keys];
        }
    }

    /// <summary>This node's connections in the room, as its heartbeat reports them.</summary>
    public IReadOnlyList<NodeConnection> ConnectionsIn(Guid roomId)
    {
        lock (_gate)
        {
            return _connections.TryGetValue(roomId, out var room)
                ? [.. room.Select(pair => new NodeConnection(pair.Key, pair.Value, ColorOf(roomId, pair.Value.MemberId)))]
                : [];
        }
    }

    /// <summary>Keeps what the room says of people on this node: colours, role changes, removals.</summary>
    public void Observe(Guid roomId, RoomEvent roomEvent)
    {
        switch (roomEvent)
        {
            case PresenceChanged changed:
                Seen(roomId, changed.Present);
                break;
            case MemberRoleChanged changed:
                Update(roomId, changed.MemberId, caller => caller with { Role = changed.Role });
                break;
            case MemberRemoved removed:
                // Their connections are closing; a heartbeat must not bring a removed person back meanwhile.
                Update(roomId, removed.MemberId, _ => null);
                break;
        }
    }

    /// <summary>Remembers the colours the room shows people in (from a snapshot or a presence change).</summary>
    public void Seen(Guid roomId, IEnumerable<PresentMember> present)
    {
        lock (_gate)
        {
            if (!_connections.ContainsKey(roomId))
            {
                return;
            }

            if (!_colors.TryGetValue(roomId, out var colors))
            {
                _colors[roomId] = colors = [];
            }

            foreach (var member in present)
            {
                colors[member.MemberId] = member.ColorIndex;
            }
        }
    }

    /// <summary>Applies <paramref name="change"/> to each of the member's connections in the room; null drops the connection.</summary>
    private void Update(Guid roomId, Guid memberId, Func<RoomCaller, RoomCaller?> change)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(roomId, out var room))
            {
                return;
            }

            foreach (var (connectionId, caller) in room.Where(pair => pair.Value.MemberId == memberId).ToList())
            {
                if (change(caller) is { } changed)
                {
                    room[connectionId] = changed;
                }
                else
                {
                    room.Remove(connectionId);
                }
            }

            if (room.Count == 0)
            {
                _connections.Remove(roomId);
                _colors.Remove(roomId);
            }
        }
    }

    private int? ColorOf(Guid roomId, Guid memberId) =>
        _colors.TryGetValue(roomId, out var colors) && colors.TryGetValue(memberId, out var color) ? color : null;
}
