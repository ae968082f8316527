using System.Threading.RateLimiting;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Options;
using CollabCanvas.Web.Rooms;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Live;

/// <summary>What a room call spends from its sender's flood allowance.</summary>
public enum RoomAllowance
{
    /// <summary>Anything that changes the room: prompt edits, strokes, parameters, generate, cancel, live mode.</summary>
    Change,

    /// <summary>Pointer moves (and other presence hints sent as often), far more frequent and far cheaper.</summary>
    Pointer,
}

/// <summary>
/// Per-member token buckets for every live room call on this node, whichever path it takes (a Blazor circuit,
/// the hub, the HTTP API): one person sending as fast as they can is refused while everyone else in the room
/// carries on. Keyed by the membership (a person in a room), not the connection, so more tabs or connections
/// buy no more allowance. Idle buckets are dropped by the partitioned limiter.
/// </summary>
public sealed class RoomFloodGuard(IOptions<RoomFloodOptions> options) : IDisposable
{
    public const string RefusalMessage = "You are sending changes faster than the room accepts; slow down and try again in a moment.";

    private readonly PartitionedRateLimiter<(Guid RoomId, string Person, RoomAllowance Allowance)> _buckets =
        PartitionedRateLimiter.Create<(Guid RoomId, string Person, RoomAllowance Allowance), (Guid, string, RoomAllowance)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => Bucket(options.Value, k.Item3)));

    /// <summary>
    /// For a call that names the person (changes): null when they may go on, else the refusal for that caller
    /// alone. Asked before the membership is looked up, so a flood costs no database reads; an account in a room
    /// is one membership, and a guest's cookie names theirs, so this is the member's bucket all the same.
    /// Nobody signed in has no bucket: the room gate refuses them anyway, without a database read.
    /// </summary>
    public RoomError? Check(Guid roomId, RoomActor actor, RoomAllowance allowance) => actor.Kind switch
    {
        ActorKind.Account => Take(roomId, $"account:{actor.UserId}", allowance),
        ActorKind.Guest => Take(roomId, MemberKey(actor.GuestMemberId!.Value), allowance),
        _ => null,
    };

    /// <summary>For a call made for a member already in the room (pointer moves): as above.</summary>
    public RoomError? Check(Guid roomId, Guid memberId, RoomAllowance allowance) => Take(roomId, MemberKey(memberId), allowance);

    public void Dispose() => _buckets.Dispose();

    private RoomError? Take(Guid roomId, string person, RoomAllowance allowance)
    {
        using var lease = _buckets.AttemptAcquire((roomId, person, allowance));
        return lease.IsAcquired ? null : new RoomError(RoomErrorKind.TooManyRequests, RefusalMessage);
    }

    private static string MemberKey(Guid memberId) => $"member:{memberId:N}";

    private static TokenBucketRateLimiterOptions Bucket(RoomFloodOptions limits, RoomAllowance allowance)
    {
        var (burst, perSecond) = allowance == RoomAllowance.Pointer
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
