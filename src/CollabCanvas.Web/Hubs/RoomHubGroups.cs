namespace CollabCanvas.Web.Hubs;

/// <summary>
/// Names the SignalR group of a room's hub connections on this node. Every node sends a room's events to its own
/// connections from its own subscription to the room; with the Redis backplane a group spans the nodes, so a name
/// shared by the nodes would deliver each event once per node. The node's id in the name keeps each group to its
/// node, with or without the backplane.
/// </summary>
public sealed class RoomHubGroups
{
    private readonly Guid _node = Guid.NewGuid();

    public string GroupFor(Guid roomId) => $"room:{roomId:N}:{_node:N}";
}
