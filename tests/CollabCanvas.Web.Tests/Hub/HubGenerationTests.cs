using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>A generation streams to every hub client: every step, preview bytes (at least the last step's), then the finished image.</summary>
[Collection(HubCollection.Name)]
public sealed class HubGenerationTests(BrowserAppFactory app)
{
    [Fact]
    public async Task Both_clients_receive_every_step_the_same_preview_bytes_and_the_same_final_image()
    {
        // One client on each protocol: MessagePack carries the bytes as they are, JSON as base64.
        await using var two = await TwoPeopleInARoom.JoinAsync(app, "Bo", RoomRole.Viewer, adaOnMessagePack: true);
        var (room, a, b) = (two.Room, two.AdaClient, two.SecondClient);
        await a.Connection.InvokeAsync("ChangeParameters", room.Id, new ParameterChange(Steps: 6, Seed: 7));
        await a.Connection.InvokeAsync("Generate", room.Id);

        foreach (var client in new[] { a, b })
        {
            await RoomHubClient.WaitUntilAsync(
                () => client.Events<GenerationChanged>(room.Id).Any(e => !e.Status.IsActive),
                "the job finishes", timeoutSeconds: 60);
        }

        // Frames may legitimately go without their image (the preview rate cap skips steps, and a frame
        // overtaken after waiting 100 ms is sent bare), but never the step itself, nor the last step's image
        // (the newest frame is never dropped), and a frame's image is the same bytes for everyone who got it.
        var finals = new List<byte[]>();
        var previewsByStep = new List<Dictionary<int, byte[]>>();
        foreach (var client in new[] { a, b })
        {
            var steps = client.Events<GenerationProgress>(room.Id);
            Assert.Equal([1, 2, 3, 4, 5, 6], steps.Select(s => s.Status.Step));
            var previews = steps.Where(s => s.Preview is { Bytes.Length: > 0 }).ToDictionary(s => s.Status.Step, s => s.Preview!.Bytes);
            Assert.True(previews.ContainsKey(6), $"the last step's preview did not arrive (previews at steps {string.Join(", ", previews.Keys)})");
            Assert.All(steps.Where(s => s.Preview is not null), p => Assert.Equal("image/png", p.Preview!.ContentType));
            Assert.All(previews.Values, bytes => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]));
            previewsByStep.Add(previews);

            var done = client.Events<GenerationChanged>(room.Id).Last();
            Assert.Equal(GenerationState.Completed, done.Status.State);
            Assert.NotNull(done.Result);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], done.Result!.Bytes[..4]);
            finals.Add(done.Result.Bytes);
        }

        foreach (var step in previewsByStep[0].Keys.Intersect(previewsByStep[1].Keys))
        {
            Assert.Equal(previewsByStep[0][step], previewsByStep[1][step]);
        }

        Assert.Equal(finals[0], finals[1]);
    }
}
