using Bunit;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Tests.Hub;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Components.Live;

/// <summary>
/// The flood limit on the Blazor path: a circuit (the room page) spends from the same per-member bucket as the
/// hub, its refusals show in that person's view only, and everyone else's view carries on.
/// </summary>
[Collection(FloodCollection.Name)]
public sealed class LiveViewFloodTests(FloodCollection.SlowRefillApp app)
{
    // Well past the burst (40); this app refills one a second.
    private const int FloodSize = 120;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_circuit_flooding_strokes_is_refused_in_its_own_view_while_another_view_paints_on()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var flo = await HubPeople.RegisterAsync(app, "Flo");
        var room = await People.CreateRoomAsync(app, ada.Person);
        await People.AddMemberAsync(app, ada.Person, room, flo.Person, RoomRole.Editor);
        await using var adaView = LiveViewCircuit.Open(app, ada.Actor, room.Id);
        await using var floView = LiveViewCircuit.Open(app, flo.Actor, room.Id);

        // Sent as fast as a script driving the page could: the burst is spent at once.
        var outcomes = await floView.FloodAsync(Enumerable.Range(0, FloodSize).Select(i => new MaskStrokeBuilder().At(i % 50).Build()).ToList());

        var accepted = outcomes.Count(ok => ok);
        Assert.True(FloodSize - accepted >= FloodSize / 3, $"only {FloodSize - accepted} of {FloodSize} strokes were refused");
        floView.View.WaitForAssertion(() => Assert.Contains(RoomFloodGuard.RefusalMessage, floView.Alerts), Patience);

        // Ada's view took every stroke the room accepted and shows no refusal: it went to Flo alone.
        adaView.View.WaitForAssertion(() => Assert.Equal(accepted, adaView.StrokeCount), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(RoomFloodGuard.RefusalMessage, adaView.Alerts);
        Assert.True(await adaView.PaintAsync(new MaskStrokeBuilder().Build()), "Ada's stroke was refused while Flo flooded");

    }

    [Fact]
    public async Task A_persons_circuit_and_their_other_connections_share_one_allowance_in_the_room()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var flo = await HubPeople.RegisterAsync(app, "Flo");
        var room = await People.CreateRoomAsync(app, ada.Person);
        await People.AddMemberAsync(app, ada.Person, room, flo.Person, RoomRole.Editor);
        await using var floView = LiveViewCircuit.Open(app, flo.Actor, room.Id);
        var live = app.Services.GetRequiredService<LiveRoomService>();

        // The page's circuit and, at the same moment, another connection of Flo's (the hub and the API call the
        // service exactly so, with the person they signed in as). Separate buckets would let 2 × 40 through.
        const int PerPath = 60;
        var outcomes = await floView.FloodAsync(
            Enumerable.Range(0, PerPath).Select(i => new MaskStrokeBuilder().At(i % 50).Build()).ToList(),
            async i => (await live.AddStrokeAsync(flo.Actor, room.Id, new MaskStrokeBuilder().At(i % 50).Build())).Succeeded);

        var accepted = outcomes.Count(ok => ok);
        Assert.True(accepted < 60, $"{accepted} of {2 * PerPath} strokes went through: the paths do not share one bucket");
        floView.View.WaitForAssertion(() => Assert.Contains(RoomFloodGuard.RefusalMessage, floView.Alerts), Patience);
    }
}
