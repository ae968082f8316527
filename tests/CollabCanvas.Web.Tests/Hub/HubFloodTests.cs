using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>One person flooding the room is refused past their allowance; the others are not slowed or refused.</summary>
[Collection(FloodCollection.Name)]
public sealed class HubFloodTests(FloodCollection.SlowRefillApp app)
{
    // Well past the allowance (a burst of 40 changes; this app refills one a second) sent at once.
    private const int FloodSize = 150;

    [Fact]
    public async Task A_flood_of_strokes_is_refused_with_a_message_while_someone_else_paints_on()
    {
        await using var two = await TwoPeopleInARoom.JoinAsync(app, "Flo", RoomRole.Editor, secondOnMessagePack: true);
        var (room, a, f) = (two.Room, two.AdaClient, two.SecondClient);

        var flood = Enumerable.Range(0, FloodSize)
            .Select(i => Outcome(f.Connection.InvokeAsync<MaskStroke>("AddStroke", room.Id, new MaskStrokeBuilder().At(i % 50).Build())))
            .ToList();
        var outcomes = await Task.WhenAll(flood);

        var refused = outcomes.Where(o => o is not null).ToList();
        Assert.True(refused.Count >= FloodSize / 3, $"only {refused.Count} of {FloodSize} strokes were refused");
        Assert.All(refused, message => Assert.EndsWith(RoomFloodGuard.RefusalMessage, message, StringComparison.Ordinal));
        Assert.Equal(HubConnectionState.Connected, f.Connection.State);

        // Someone else's allowance is their own: Ada paints at once, and she saw every stroke the room took
        // from Flo (the room carried on) and none of Flo's refusals (they went to Flo alone).
        var adas = await a.Connection.InvokeAsync<MaskStroke>("AddStroke", room.Id, new MaskStrokeBuilder().Build());
        Assert.Equal(a.Session!.Me.MemberId, adas.Author);
        var accepted = FloodSize - refused.Count;
        await RoomHubClient.WaitUntilAsync(
            () => a.Events<StrokeAdded>(room.Id).Count(e => e.Stroke.Author == f.Session!.Me.MemberId) == accepted,
            () => $"Ada saw {a.Events<StrokeAdded>(room.Id).Count(e => e.Stroke.Author == f.Session!.Me.MemberId)} of Flo's {accepted} strokes");
        Assert.Empty(a.SendErrors);

        // The flooder's bucket refills: after a pause, a stroke goes through again.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var again = await f.Connection.InvokeAsync<MaskStroke>("AddStroke", room.Id, new MaskStrokeBuilder().Build());
        Assert.Equal(f.Session!.Me.MemberId, again.Author);
    }

    private static async Task<string?> Outcome(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (HubException refused)
        {
            return refused.Message;
        }
    }
}
