using CollabCanvas.Rooms;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Options;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CollabCanvas.Web.Tests.Live;

/// <summary>The per-member flood buckets: who shares one, and that the shipped budget leaves a fast typist alone.</summary>
public sealed class RoomFloodGuardTests
{
    private static readonly Guid Room = Guid.NewGuid();
    private static readonly Guid OtherRoom = Guid.NewGuid();
    private static readonly RoomActor Flo = RoomActor.Account("flo-id", "Flo");
    private static readonly RoomActor Ada = RoomActor.Account("ada-id", "Ada");
    private static readonly Guid GuestMember = Guid.NewGuid();

    [Fact]
    public void A_member_past_the_burst_is_refused_with_a_message_while_others_and_other_rooms_are_not()
    {
        // A refill of one a second: the few calls below run in far less than that.
        using var guard = Guard(new RoomFloodOptions { ChangeBurst = 3, ChangesPerSecond = 1, PointerBurst = 5, PointerMovesPerSecond = 1 });

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(guard.Check(Room, Flo, RoomAllowance.Change));
        }

        var refused = guard.Check(Room, Flo, RoomAllowance.Change);
        Assert.Equal(RoomErrorKind.TooManyRequests, refused?.Kind);
        Assert.Equal(RoomFloodGuard.RefusalMessage, refused?.Message);
        Assert.Null(guard.Check(Room, Ada, RoomAllowance.Change));
        Assert.Null(guard.Check(OtherRoom, Flo, RoomAllowance.Change));
        Assert.Null(guard.Check(Room, Flo, RoomAllowance.Pointer));
    }

    [Fact]
    public void A_guest_has_one_bucket_whether_a_call_names_their_cookie_or_their_membership_and_nobody_signed_in_has_none()
    {
        using var guard = Guard(new RoomFloodOptions { ChangeBurst = 2, ChangesPerSecond = 1 });
        var guest = RoomActor.Guest(GuestMember, Room, "Gus");

        Assert.Null(guard.Check(Room, guest, RoomAllowance.Change));
        Assert.Null(guard.Check(Room, GuestMember, RoomAllowance.Change));
        Assert.NotNull(guard.Check(Room, guest, RoomAllowance.Change));
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(guard.Check(Room, RoomActor.Anonymous, RoomAllowance.Change)); // the room gate refuses them
        }
    }

    [Fact]
    public void The_shipped_budget_takes_a_fast_typists_bursts_with_room_to_spare()
    {
        var options = new RoomFloodOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.json")).Build()
            .GetSection(RoomFloodOptions.SectionName).Bind(options);
        using var guard = Guard(options);

        // 150 words a minute is about 12.5 keystrokes a second. Worst case, every keystroke its own edit (the OT
        // client batches them while one is in flight) and two seconds of them arriving at once after a hiccup.
        const double FastTypistPerSecond = 12.5;
        var hiccup = (int)(2 * FastTypistPerSecond);
        for (var i = 0; i < hiccup; i++)
        {
            Assert.Null(guard.Check(Room, Flo, RoomAllowance.Change));
        }

        Assert.True(options.ChangeBurst >= 1.5 * hiccup, $"a burst of {options.ChangeBurst} leaves too little headroom over {hiccup} keystrokes");
        Assert.True(options.ChangesPerSecond >= 1.5 * FastTypistPerSecond, $"{options.ChangesPerSecond} changes a second is too close to a fast typist's {FastTypistPerSecond}");
    }

    private static RoomFloodGuard Guard(RoomFloodOptions options) => new(Microsoft.Extensions.Options.Options.Create(options));
}
