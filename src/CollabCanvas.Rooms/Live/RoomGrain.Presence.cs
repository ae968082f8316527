using CollabCanvas.Rooms.Timeline;
using Microsoft.Extensions.Logging;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// Presence: who is here, through which connections on which web nodes. Each node renews its people's presence with
/// <see cref="Heartbeat"/>; a node that falls silent for the lease (it died) loses its people, and a room that started
/// again elsewhere (its old node died) gets each live node's people back from that node's next heartbeat.
/// </summary>
public sealed partial class RoomGrain
{
    /// <summary>Most connections one heartbeat may carry (one node's people in one room); more is refused as a bug.</summary>
    public const int HeartbeatConnectionLimit = 10_000;

    private readonly PresenceConnections _connections;

    public Task<RoomSnapshot> Connect(RoomCaller caller, RoomConnection? connection = null)
    {
        ExpireSilentNodes();
        if (_removed.Contains(caller.MemberId))
        {
            // A connection that raced the removal: it gets the room as it is, but never reappears in presence.
            return Task.FromResult(Snapshot());
        }

        connection ??= new RoomConnection(Guid.NewGuid(), RoomConnection.NoNode);
        if (!_connections.Open(connection, caller.MemberId))
        {
            // Already counted (the node's heartbeat brought it first) or already closed: nothing changes.
            return Task.FromResult(Snapshot());
        }

        var joined = Count(caller, connection.ColorIndex, refresh: true);
        Publish(revision => new PresenceChanged(revision, PresentList(), joined ? $"{caller.DisplayName} joined" : null));
        if (joined)
        {
            Note((timeline, now) => timeline.Add(TimelineEntries.Joined(now, caller)));
        }

        return Task.FromResult(Snapshot());
    }

    public Task Disconnect(Guid memberId, Guid? connectionId = null)
    {
        if ((connectionId ?? _connections.AnyOf(memberId)) is not { } closing || !_connections.Close(closing))
        {
            return Task.CompletedTask;
        }

        if (Uncount(memberId) is { } leaving)
        {
            Publish(revision => new PresenceChanged(revision, PresentList(), $"{leaving} left"));
        }
        else if (_present.ContainsKey(memberId))
        {
            Publish(revision => new PresenceChanged(revision, PresentList(), null));
        }

        return Task.CompletedTask;
    }

    public Task Heartbeat(Guid nodeId, IRoomObserver? observer, IReadOnlyList<NodeConnection> connections)
    {
        if (nodeId == RoomConnection.NoNode || connections is null || connections.Count > HeartbeatConnectionLimit)
        {
            _logger.LogWarning("Room {RoomId}: refused a heartbeat from node {NodeId} with {Count} connections", RoomId, nodeId, connections?.Count);
            return Task.CompletedTask;
        }

        if (observer is not null)
        {
            Subscribe(observer);
        }

        _connections.Renew(nodeId);
        var left = ExpireQuietly();
        var rejoined = 0;
        foreach (var held in connections)
        {
            if (held?.Caller is not { } caller || caller.MemberId == Guid.Empty || string.IsNullOrWhiteSpace(caller.DisplayName)
                || _removed.Contains(caller.MemberId) || !_connections.Open(new RoomConnection(held.ConnectionId, nodeId, held.ColorIndex), caller.MemberId))
            {
                continue;
            }

            // They never left (their node still holds them; this room started again, or took the node for dead):
            // back in presence without a "joined" notice or timeline entry.
            Count(caller, held.ColorIndex, refresh: false);
            rejoined++;
        }

        if (rejoined > 0)
        {
            _logger.LogInformation("Room {RoomId}: node {NodeId} brought back {Count} connections", RoomId, nodeId, rejoined);
        }

        if (left.Count > 0 || rejoined > 0)
        {
            Publish(revision => new PresenceChanged(revision, PresentList(), LeftNotice(left)));
        }

        return Task.CompletedTask;
    }

    public Task SetTyping(Guid memberId, bool isTyping)
    {
        if (_present.TryGetValue(memberId, out var member) && member.IsTyping != isTyping)
        {
            _present[memberId] = member with { IsTyping = isTyping };
            Publish(revision => new PresenceChanged(revision, PresentList(), null));
        }

        return Task.CompletedTask;
    }

    /// <summary>Drops the people of nodes whose lease ran out and tells everyone.</summary>
    private void ExpireSilentNodes()
    {
        var left = ExpireQuietly();
        if (left.Count > 0)
        {
            Publish(revision => new PresenceChanged(revision, PresentList(), LeftNotice(left)));
        }
    }

    /// <summary>Drops the connections of nodes whose lease ran out; returns the names of those who left with them.</summary>
    private List<string> ExpireQuietly()
    {
        List<string> left = [];
        foreach (var memberId in _connections.Expire())
        {
            if (Uncount(memberId) is { } name)
            {
                left.Add(name);
            }
        }

        if (left.Count > 0)
        {
            _logger.LogInformation("Room {RoomId}: {Names} left with a node that stopped answering", RoomId, string.Join(", ", left));
        }

        return left;
    }

    private static string? LeftNotice(List<string> left) => left.Count == 0 ? null : $"{string.Join(", ", left)} left";

    /// <summary>
    /// Puts the member's connection count in presence after one opened; true when they were not present. A
    /// <paramref name="refresh"/> takes the caller's name and role (a new connection knows them best); a re-join keeps
    /// what presence has.
    /// </summary>
    private bool Count(RoomCaller caller, int? color, bool refresh)
    {
        var joined = !_present.TryGetValue(caller.MemberId, out var existing);
        var who = existing is null || refresh ? caller : new RoomCaller(caller.MemberId, existing.DisplayName, existing.Role, existing.IsGuest);
        _present[caller.MemberId] = new PresentMember(
            who.MemberId, who.DisplayName, who.Role, who.IsGuest, ColorFor(caller.MemberId, color),
            _connections.CountOf(caller.MemberId), existing?.IsTyping ?? false);
        return joined;
    }

    /// <summary>Puts the member's connection count in presence after one closed; their name when that was their last.</summary>
    private string? Uncount(Guid memberId)
    {
        if (!_present.TryGetValue(memberId, out var member))
        {
            return null;
        }

        var connections = _connections.CountOf(memberId);
        if (connections > 0)
        {
            _present[memberId] = member with { Connections = connections };
            return null;
        }

        _present.Remove(memberId);
        AbandonPreviewsOf(memberId);
        ForgetCaretsOf(memberId);
        Note((timeline, now) => timeline.Add(TimelineEntries.Left(now, memberId, member.DisplayName)));
        return member.DisplayName;
    }

    /// <summary>
    /// The member's colour in this room: the one they had, else the one a node remembers them in (after a failover)
    /// when nobody else has it, else the next unused one.
    /// </summary>
    private int ColorFor(Guid memberId, int? remembered)
    {
        if (_colors.TryGetValue(memberId, out var color))
        {
            return color;
        }

        color = remembered is { } wanted && wanted is >= 0 and < HeartbeatConnectionLimit && !_colors.ContainsValue(wanted)
            ? wanted
            : _colors.Count == 0 ? 0 : _colors.Values.Max() + 1;
        _colors[memberId] = color;
        return color;
    }
}
