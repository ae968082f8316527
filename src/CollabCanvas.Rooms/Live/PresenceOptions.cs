using System.ComponentModel.DataAnnotations;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// How a room learns that a web node died ("Presence" in appsettings.json). Each node renews, for every room it has
/// people in, a lease on their presence every <see cref="HeartbeatInterval"/>; the room drops the connections of a
/// node it has not heard from for <see cref="Lease"/>. With one node the lease never runs out, so nothing changes there.
/// </summary>
public sealed class PresenceOptions : IValidatableObject
{
    public const string SectionName = "Presence";

    /// <summary>
    /// How often a node renews its people's presence in each room it shows. The heartbeat also keeps the node's room
    /// observer subscribed, so it stays well under <see cref="RoomGrain.ObserverExpiry"/> (2 min).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:40")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a room keeps a silent node's people present (bounds how long a dead node's people linger).</summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // One late or lost renewal must not make a live node's people leave and come back.
        if (Lease < HeartbeatInterval * 2)
        {
            yield return new ValidationResult(
                $"Presence:Lease ({Lease}) must be at least twice Presence:HeartbeatInterval ({HeartbeatInterval}).", [nameof(Lease)]);
        }
    }
}
