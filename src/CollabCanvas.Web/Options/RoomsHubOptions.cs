namespace CollabCanvas.Web.Options;

/// <summary>The programmatic rooms hub (section "RoomsHub").</summary>
public sealed class RoomsHubOptions
{
    public const string SectionName = "RoomsHub";

    /// <summary>
    /// Joins the web nodes' rooms hubs through Redis (<c>ConnectionStrings:Redis</c>), SignalR's backplane: a message
    /// addressed to a connection, user or group reaches it on whichever node it is. Off by default: rooms' events
    /// already reach every node through the room's grain, so one node or several work without it.
    /// </summary>
    public bool RedisBackplane { get; set; }
}
