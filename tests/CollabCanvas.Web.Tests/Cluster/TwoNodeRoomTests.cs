using System.Diagnostics;
using System.Net;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Tests.Crash;
using CollabCanvas.Web.Tests.Hub;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace CollabCanvas.Web.Tests.Cluster;

/// <summary>
/// Two web nodes over Redis clustering, as real processes sharing one database and image store: people on node A
/// and node B are in one room (one grain in the cluster), see each other's edits and the same generation; when node B
/// (where the room's grain lives) dies, the room starts again on node A from its saved state, node A's people carry
/// on without reconnecting, and B's person reconnects to A and catches up.
/// </summary>
public sealed class TwoNodeRoomTests(ITestOutputHelper output)
{
    [Fact]
    public async Task People_on_two_nodes_share_one_room_and_node_A_carries_on_when_node_B_dies()
    {
        var clock = Stopwatch.StartNew();
        // With the hub's Redis backplane on: each node still sends a room's events only to its own connections.
        await using var cluster = await ClusterProcesses.StartAsync(nodes: 2, [("RoomsHub__RedisBackplane", "true")]);
        var (nodeA, nodeB) = (cluster.Nodes[0], cluster.Nodes[1]);
        output.WriteLine($"Redis and two nodes up after {clock.Elapsed.TotalSeconds:0.0} s");
        try
        {
            await RunAsync(cluster, nodeA, nodeB, clock);
        }
        catch
        {
            output.WriteLine(cluster.OutputTails());
            throw;
        }
    }

    private async Task RunAsync(ClusterProcesses cluster, AppProcess nodeA, AppProcess nodeB, Stopwatch clock)
    {
        // Ada (an account) creates the room on A; Cy joins by code on A, Bo on B. Cookies are keyed by host, not
        // port, and the nodes share their data-protection keys, so a cookie from one node is good on the other.
        using var ada = new CrashRoomClient(new CookieContainer());
        using var cy = new CrashRoomClient(new CookieContainer());
        using var bo = new CrashRoomClient(new CookieContainer());
        ada.Connect(nodeA);
        await ada.RegisterAsync("Ada");
        var roomId = await ada.CreateRoomAsync("Two nodes");
        var (_, code) = await ada.GetRoomAsync(roomId);
        cy.Connect(nodeA);
        await cy.JoinAsync(code!, "Cy");
        bo.Connect(nodeB);
        await bo.JoinAsync(code!, "Bo");

        await using var a = await RoomHubClient.ConnectAsync(nodeA.BaseAddress, ada.Cookies, messagePack: true);
        await using var c = await RoomHubClient.ConnectAsync(nodeA.BaseAddress, cy.Cookies);
        await using var b = await RoomHubClient.ConnectAsync(nodeB.BaseAddress, bo.Cookies, messagePack: true);
        // Bo opens the room first, so its grain starts on node B (rooms are placed on their first visitor's node):
        // killing B below is the hard case, where the room must start again on A.
        await b.JoinAsync(roomId);
        await a.JoinAsync(roomId);
        await c.JoinAsync(roomId);
        RoomHubClient[] everyone = [a, c, b];

        // One grain for the room: the three show up in one presence, on both nodes.
        foreach (var client in everyone)
        {
            await RoomHubClient.WaitUntilAsync(() => Present(client, roomId).SetEquals(["Ada", "Cy", "Bo"]),
                () => $"{ClientName(client, everyone)} sees Ada, Cy and Bo present (sees {string.Join(", ", Present(client, roomId))})");
        }

        // Edits cross nodes both ways, with their authors.
        await a.TypeAsync(0, "a red fox");
        await WaitForTextAsync(everyone, "a red fox");
        await b.TypeAsync(b.PromptText.Length, " at dawn");
        await WaitForTextAsync(everyone, "a red fox at dawn");
        Assert.Contains(c.PromptAuthors, span => span.Author == b.Session!.Me.MemberId);
        output.WriteLine($"Presence and edits across nodes after {clock.Elapsed.TotalSeconds:0.0} s");

        // One generation, seen the same by all three: the same steps, the same previews, the same final image.
        await b.Connection.InvokeAsync("ChangeParameters", roomId, new ParameterChange(Steps: 6, Seed: 7));
        await a.Connection.InvokeAsync("Generate", roomId);
        foreach (var client in everyone)
        {
            await RoomHubClient.WaitUntilAsync(() => client.Events<GenerationChanged>(roomId).Any(e => !e.Status.IsActive),
                $"{ClientName(client, everyone)} sees the job finish", timeoutSeconds: 90);
        }

        AssertSameGeneration(everyone, roomId);
        output.WriteLine($"One generation seen alike on both nodes after {clock.Elapsed.TotalSeconds:0.0} s");

        // Node B dies (SIGKILL). Bo's connection drops; wherever the room's grain lived, node A carries on.
        var bClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Connection.Closed += _ =>
        {
            bClosed.TrySetResult();
            return Task.CompletedTask;
        };
        var presenceBeforeKill = new[] { a, c }.ToDictionary(client => client, client => client.Events<PresenceChanged>(roomId).Count);
        nodeB.Kill();
        await bClosed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var killedAt = clock.Elapsed;

        // Bo comes back through node A (what a load balancer does when a node is gone) and joins again; the room
        // may be starting again on A meanwhile (when its grain was on B), so the first tries can fail.
        await using var bAgain = await RoomHubClient.ConnectAsync(nodeA.BaseAddress, bo.Cookies, messagePack: true);
        await RetryAsync(() => bAgain.JoinAsync(roomId), "Bo joins again through node A");
        Assert.Equal("a red fox at dawn", bAgain.PromptText);
        output.WriteLine($"Bo back on node A {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill");

        // Ada and Cy never reconnected: their node's events still reach them (Bo's return shows up in presence),
        // and their edits reach Bo, and his theirs.
        foreach (var client in new[] { a, c })
        {
            await RoomHubClient.WaitUntilAsync(
                () => client.Events<PresenceChanged>(roomId).Skip(presenceBeforeKill[client]).Any(e => e.Present.Any(p => p.DisplayName == "Bo")),
                $"{ClientName(client, everyone)} sees Bo come back", timeoutSeconds: 30);
        }

        await a.TypeAsync(a.PromptText.Length, " in snow");
        RoomHubClient[] afterKill = [a, c, bAgain];
        await WaitForTextAsync(afterKill, "a red fox at dawn in snow");
        await bAgain.TypeAsync(0, "still ");
        await WaitForTextAsync(afterKill, "still a red fox at dawn in snow");
        foreach (var client in afterKill)
        {
            Assert.Empty(client.SendErrors);
        }

        // Nothing arrived twice (a group shared by the nodes over the backplane would bring each event once per node).
        foreach (var client in everyone.Append(bAgain))
        {
            var revisions = client.Events<RoomEvent>(roomId).Where(e => e is not TransientRoomEvent).Select(e => e.Revision).ToList();
            Assert.Equal(revisions.Count, revisions.Distinct().Count());
        }

        output.WriteLine($"Node A's people carried on; done {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill, {clock.Elapsed.TotalSeconds:0.0} s in all");
        Assert.False(nodeA.HasExited, cluster.OutputTails());
    }

    private static HashSet<string> Present(RoomHubClient client, Guid roomId) =>
        client.Events<PresenceChanged>(roomId) is { Count: > 0 } changes
            ? [.. changes[^1].Present.Select(p => p.DisplayName)]
            : [.. client.Session?.Snapshot.Present.Select(p => p.DisplayName) ?? []];

    private static string ClientName(RoomHubClient client, RoomHubClient[] everyone) =>
        Array.IndexOf(everyone, client) switch { 0 => "Ada (node A)", 1 => "Cy (node A)", 2 => "Bo (node B)", _ => "Bo (node A)" };

    private static async Task WaitForTextAsync(IEnumerable<RoomHubClient> clients, string text)
    {
        foreach (var client in clients)
        {
            await RoomHubClient.WaitUntilAsync(() => client.PromptText == text && !client.HasPendingEdits,
                () => $"every client reads \"{text}\" (one reads \"{client.PromptText}\"; errors: {string.Join("; ", client.SendErrors)})");
        }
    }

    private static void AssertSameGeneration(RoomHubClient[] clients, Guid roomId)
    {
        var finals = clients.Select(client => client.Events<GenerationChanged>(roomId).Last()).ToList();
        Assert.All(finals, done => Assert.Equal(GenerationState.Completed, done.Status.State));
        Assert.All(finals, done => Assert.Equal(finals[0].Result!.Bytes, done.Result!.Bytes));

        var steps = clients.Select(client => client.Events<GenerationProgress>(roomId)).ToList();
        Assert.All(steps, mine => Assert.Equal(steps[0].Select(s => s.Status.Step), mine.Select(s => s.Status.Step)));
        Assert.True(steps[0].Count >= 3, $"{steps[0].Count} step events arrived");

        // A client that falls behind may get a step without its image; every image that arrived is the same everywhere.
        var previewsByStep = steps.SelectMany(mine => mine).Where(s => s.Preview is { Bytes.Length: > 0 }).GroupBy(s => s.Status.Step);
        foreach (var step in previewsByStep)
        {
            Assert.All(step, preview => Assert.Equal(step.First().Preview!.Bytes, preview.Preview!.Bytes));
        }

        Assert.All(steps, mine => Assert.True(mine.Count(s => s.Preview is { Bytes.Length: > 0 }) >= 1, "a client got no preview at all"));
    }

    private static async Task RetryAsync(Func<Task> action, string what, int timeoutSeconds = 45)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (HubException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (HubException ex)
            {
                Assert.Fail($"{what} still failed after {timeoutSeconds} s: {ex.Message}");
            }
        }
    }
}
