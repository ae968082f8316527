using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>Two scripts in one room over the hub: presence, concurrent typing that converges, and leaving.</summary>
[Collection(HubCollection.Name)]
public sealed class HubCoEditingTests(BrowserAppFactory app)
{
    [Fact]
    public async Task Two_clients_typing_at_once_converge_on_the_servers_text_with_each_authors_characters()
    {
        await using var two = await TwoPeopleInARoom.JoinAsync(app, "Bo", RoomRole.Editor, secondOnMessagePack: true);
        var (ada, room, a, b) = (two.Ada, two.Room, two.AdaClient, two.SecondClient);
        var (sessionA, sessionB) = (a.Session!, b.Session!);
        Assert.Equal(RoomRole.Facilitator, sessionA.Me.Role);
        Assert.Contains(sessionB.Snapshot.Present, p => p.DisplayName == "Ada");
        await RoomHubClient.WaitUntilAsync(
            () => a.Events<PresenceChanged>(room.Id).Any(e => e.Present.Any(p => p.DisplayName == "Bo")), "Ada sees Bo arrive");

        // Both type at once, each at the start and end of what they see: the edits cross in flight.
        var typing = new[]
        {
            Task.Run(async () =>
            {
                foreach (var word in new[] { "red ", "fox ", "at ", "dawn " })
                {
                    await a.TypeAsync(a.PromptText.Length, word);
                }
            }),
            Task.Run(async () =>
            {
                foreach (var word in new[] { "oil ", "painting ", "of " })
                {
                    await b.TypeAsync(0, word);
                }
            }),
        };
        await Task.WhenAll(typing);
        await RoomHubClient.WaitUntilAsync(
            () => !a.HasPendingEdits && !b.HasPendingEdits && a.PromptText == b.PromptText && a.PromptText.Length == "red fox at dawn oil painting of ".Length,
            () => $"both clients converge (A: \"{a.PromptText}\" {string.Join("; ", a.SendErrors)}, B: \"{b.PromptText}\" {string.Join("; ", b.SendErrors)})");

        var server = await app.Services.GetRequiredService<LiveRoomService>().GetSnapshotAsync(ada.Actor, room.Id);
        Assert.Equal(server.Value!.Prompt.Text, a.PromptText);
        Assert.Empty(a.SendErrors);
        Assert.Empty(b.SendErrors);
        foreach (var word in new[] { "red", "fox", "at", "dawn", "oil", "painting", "of" })
        {
            Assert.Contains(word, a.PromptText, StringComparison.Ordinal);
        }

        // Every character is credited to whoever typed it, the same on both clients and the server.
        Assert.Equal(server.Value.Prompt.Authors, a.PromptAuthors);
        Assert.Equal(server.Value.Prompt.Authors, b.PromptAuthors);
        var adaChars = a.PromptAuthors.Where(s => s.Author == sessionA.Me.MemberId).Sum(s => s.Length);
        Assert.Equal("red fox at dawn ".Length, adaChars);
    }

    [Fact]
    public async Task A_restore_reaches_every_hub_client_which_starts_over_from_the_restored_text_with_its_authors()
    {
        await using var two = await TwoPeopleInARoom.JoinAsync(app, "Bo", RoomRole.Editor, secondOnMessagePack: true);
        var (room, a, b) = (two.Room, two.AdaClient, two.SecondClient);
        var sessionA = a.Session!;
        await a.TypeAsync(0, "old text");
        await RoomHubClient.WaitUntilAsync(() => b.PromptText == "old text" && !a.HasPendingEdits, "Bo sees Ada's text");

        var writer = Guid.NewGuid();
        var recipe = new RestoredRecipe(
            Guid.NewGuid(), "Fox", new CollabCanvas.Rooms.Prompt.PromptSnapshot(0, "a red fox", [new(writer, 0, 6), new(sessionA.Me.MemberId, 6, 3)]),
            CollabCanvas.Rooms.Prompt.PromptSnapshot.Empty, RoomParameters.Default with { Steps = 9 }, [], 64, 64);
        var restored = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(room.Id)
            .RestoreVersion(new RoomCaller(sessionA.Me.MemberId, "Ada", RoomRole.Facilitator, false), recipe);
        Assert.True(restored.Succeeded, restored.Error);
        await RoomHubClient.WaitUntilAsync(() => a.PromptText == "a red fox" && b.PromptText == "a red fox", () => $"both start over (A: {a.PromptText}, B: {b.PromptText})");
        await b.TypeAsync(9, "!");
        await RoomHubClient.WaitUntilAsync(() => a.PromptText == "a red fox!" && !b.HasPendingEdits, () => $"an edit after the restore applies (A: {a.PromptText})");

        Assert.Single(b.Events<RecipeRestored>(room.Id));
        Assert.Equal(9, b.Events<RecipeRestored>(room.Id)[0].Parameters.Steps);
        Assert.Equal(a.PromptAuthors, b.PromptAuthors);
        Assert.Equal(writer, a.PromptAuthors[0].Author);
        Assert.Empty(a.SendErrors);
        Assert.Empty(b.SendErrors);
    }

    [Fact]
    public async Task Leaving_and_dropping_the_connection_take_the_person_out_of_presence()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var bo = await HubPeople.RegisterAsync(app, "Bo");
        var room = await People.CreateRoomAsync(app, ada.Person);
        await People.AddMemberAsync(app, ada.Person, room, bo.Person, RoomRole.Viewer);

        await using var a = await RoomHubClient.ConnectAsync(app, ada);
        await a.JoinAsync(room.Id);
        var b = await RoomHubClient.ConnectAsync(app, bo);
        await b.JoinAsync(room.Id);
        await RoomHubClient.WaitUntilAsync(() => LastPresence(a, room.Id).Contains("Bo"), "Bo is present");

        await b.Connection.InvokeAsync("Leave", room.Id);
        await RoomHubClient.WaitUntilAsync(() => !LastPresence(a, room.Id).Contains("Bo"), "Bo left after Leave");

        await b.JoinAsync(room.Id);
        await RoomHubClient.WaitUntilAsync(() => LastPresence(a, room.Id).Contains("Bo"), "Bo is back");
        await b.DisposeAsync();
        await RoomHubClient.WaitUntilAsync(() => !LastPresence(a, room.Id).Contains("Bo"), "Bo left when his connection closed");

        // The node stops broadcasting a room nobody on the hub is in any more.
        await a.Connection.InvokeAsync("Leave", room.Id);
        var broadcaster = app.Services.GetRequiredService<CollabCanvas.Web.Hubs.RoomHubBroadcaster>();
        await RoomHubClient.WaitUntilAsync(() => !broadcaster.IsBroadcasting(room.Id), "the room's broadcast stops");
    }

    private static IReadOnlyList<string> LastPresence(RoomHubClient client, Guid roomId) =>
        client.Events<PresenceChanged>(roomId).LastOrDefault()?.Present.Select(p => p.DisplayName).ToList() ?? [];
}
