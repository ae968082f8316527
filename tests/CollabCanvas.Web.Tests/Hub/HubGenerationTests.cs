using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>A generation streams to every hub client: step events with preview bytes, then the finished image.</summary>
[Collection(HubCollection.Name)]
public sealed class HubGenerationTests(BrowserAppFactory app)
{
    [Fact]
    public async Task Both_clients_receive_each_steps_preview_bytes_and_the_same_final_image()
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var bo = await HubPeople.RegisterAsync(app, "Bo");
        var room = await People.CreateRoomAsync(app, ada.Person);
        await People.AddMemberAsync(app, ada.Person, room, bo.Person, RoomRole.Viewer);

        // One client on each protocol: MessagePack carries the bytes as they are, JSON as base64.
        await using var a = await RoomHubClient.ConnectAsync(app, ada, messagePack: true);
        await using var b = await RoomHubClient.ConnectAsync(app, bo);
        await a.JoinAsync(room.Id);
        await b.JoinAsync(room.Id);
        await a.Connection.InvokeAsync("ChangeParameters", room.Id, new ParameterChange(Steps: 6, Seed: 7));
        await a.Connection.InvokeAsync("Generate", room.Id);

        foreach (var client in new[] { a, b })
        {
            await RoomHubClient.WaitUntilAsync(
                () => client.Events<GenerationChanged>(room.Id).Any(e => !e.Status.IsActive),
                "the job finishes", timeoutSeconds: 60);
        }

        var finals = new List<byte[]>();
        foreach (var client in new[] { a, b })
        {
            var steps = client.Events<GenerationProgress>(room.Id);
            var previews = steps.Where(s => s.Preview is { Bytes.Length: > 0 }).ToList();
            Assert.True(steps.Count >= 3, $"{steps.Count} step events arrived");
            Assert.True(previews.Count >= 3, $"{previews.Count} step events carried a preview");
            Assert.All(previews, p => Assert.Equal("image/png", p.Preview!.ContentType));
            Assert.Equal(steps.Select(s => s.Status.Step).Order(), steps.Select(s => s.Status.Step));

            var done = client.Events<GenerationChanged>(room.Id).Last();
            Assert.Equal(GenerationState.Completed, done.Status.State);
            Assert.NotNull(done.Result);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], done.Result!.Bytes[..4]);
            finals.Add(done.Result.Bytes);
        }

        Assert.Equal(finals[0], finals[1]);
    }
}
