using System.Threading.RateLimiting;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Options;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Hubs;

/// <summary>What a hub call spends from its sender's flood allowance.</summary>
public enum HubAllowance
{
    /// <summary>Anything that changes the room: prompt edits, strokes, parameters, generate, cancel, live mode.</summary>
    Change,

    /// <summary>Pointer moves, sent far more often and far cheaper.</summary>
    Pointer,
}

/// <summary>
/// Per-person token buckets for hub calls, so one script sending as fast as it can is refused while everyone
/// else in the room carries on. Keyed by the person (account or guest membership), not the connection, so
/// opening more connections buys no more allowance. Idle buckets are dropped by the partitioned limiter.
/// </summary>
public sealed class HubFloodGuard(IOptions<RoomsHubOptions> options) : IDisposable
{
    public const string RefusalMessage = "You are sending changes faster than the room accepts; slow down and try again in a moment.";

    private readonly PartitionedRateLimiter<(string Person, HubAllowance Allowance)> _buckets =
        PartitionedRateLimiter.Create<(string Person, HubAllowance Allowance), (string, HubAllowance)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => Bucket(options.Value, k.Item2)));

    /// <summary>Takes one token for the person; false when their bucket is empty.</summary>
    public bool TryTake(RoomActor actor, string connectionId, HubAllowance allowance)
    {
        using var lease = _buckets.AttemptAcquire((PersonKey(actor, connectionId), allowance));
        return lease.IsAcquired;
    }

    public void Dispose() => _buckets.Dispose();

    // An anonymous caller is refused by the room gate anyway; its own connection is the only thing to key it by.
    private static string PersonKey(RoomActor actor, string connectionId) => actor.Kind switch
    {
        ActorKind.Account => $"account:{actor.UserId}",
        ActorKind.Guest => $"guest:{actor.GuestMemberId:N}",
        _ => $"connection:{connectionId}",
    };

    private static TokenBucketRateLimiterOptions Bucket(RoomsHubOptions limits, HubAllowance allowance)
    {
        var (burst, perSecond) = allowance == HubAllowance.Pointer
            ? (limits.PointerBurst, limits.PointerMovesPerSecond)
            : (limits.ChangeBurst, limits.ChangesPerSecond);

        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
