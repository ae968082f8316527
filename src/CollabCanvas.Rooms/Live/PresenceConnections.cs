namespace CollabCanvas.Rooms.Live;

/// <summary>
/// The open connections behind a room's presence and the web node each came through, with a lease per node: a node
/// not heard from (a new connection, a heartbeat) for the lease is taken for dead and its connections close. Connections
/// of <see cref="RoomConnection.NoNode"/> never expire. A closed connection's id is remembered for one lease, so a
/// heartbeat the node sent just before the close cannot bring it back. The grain is the only writer (no locks).
/// </summary>
public sealed class PresenceConnections(TimeProvider time, TimeSpan lease)
{
    private readonly Dictionary<Guid, (Guid MemberId, Guid NodeId)> _open = [];
    private readonly Dictionary<Guid, DateTimeOffset> _nodeHeardAt = [];
    private readonly Dictionary<Guid, DateTimeOffset> _closedAt = [];

    /// <summary>Counts a connection; false when it is already counted or was closed (a repeat, a stale heartbeat).</summary>
    public bool Open(RoomConnection connection, Guid memberId)
    {
        if (_open.ContainsKey(connection.ConnectionId) || _closedAt.ContainsKey(connection.ConnectionId))
        {
            return false;
        }

        _open[connection.ConnectionId] = (memberId, connection.NodeId);
        // A node's lease starts with its first connection (one that dies before its first heartbeat still expires),
        // and a new connection from it shows it is alive as well as a heartbeat does.
        Renew(connection.NodeId);

        return true;
    }

    /// <summary>Closes a connection; false when it was not open (already closed, or expired with its node).</summary>
    public bool Close(Guid connectionId)
    {
        _closedAt[connectionId] = time.GetUtcNow();
        return _open.Remove(connectionId);
    }

    /// <summary>One open connection of the member, for a disconnect that does not say which.</summary>
    public Guid? AnyOf(Guid memberId)
    {
        foreach (var (connectionId, open) in _open)
        {
            if (open.MemberId == memberId)
            {
                return connectionId;
            }
        }

        return null;
    }

    public int CountOf(Guid memberId) => _open.Values.Count(open => open.MemberId == memberId);

    /// <summary>Closes every connection of the member (removed from the room): no heartbeat brings them back.</summary>
    public void CloseAllOf(Guid memberId)
    {
        foreach (var connectionId in _open.Where(pair => pair.Value.MemberId == memberId).Select(pair => pair.Key).ToList())
        {
            Close(connectionId);
        }
    }

    /// <summary>The node is alive: its lease starts again.</summary>
    public void Renew(Guid nodeId)
    {
        if (nodeId != RoomConnection.NoNode)
        {
            _nodeHeardAt[nodeId] = time.GetUtcNow();
        }
    }

    /// <summary>Closes the connections of every node whose lease ran out; returns their members, once per connection.</summary>
    public IReadOnlyList<Guid> Expire()
    {
        var now = time.GetUtcNow();
        foreach (var connectionId in _closedAt.Where(pair => now - pair.Value > lease).Select(pair => pair.Key).ToList())
        {
            _closedAt.Remove(connectionId);
        }

        var deadNodes = _nodeHeardAt.Where(pair => now - pair.Value > lease).Select(pair => pair.Key).ToHashSet();
        if (deadNodes.Count == 0)
        {
            return [];
        }

        List<Guid> members = [];
        foreach (var (connectionId, open) in _open.Where(pair => deadNodes.Contains(pair.Value.NodeId)).ToList())
        {
            // Not remembered as closed: if the node was only slow, its next heartbeat brings its people back.
            _open.Remove(connectionId);
            members.Add(open.MemberId);
        }

        foreach (var node in deadNodes)
        {
            _nodeHeardAt.Remove(node);
        }

        return members;
    }
}
