using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CollabCanvas.Web.Tests.Integration.VersionTests;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>
/// Versions record the run that made their image, and restoring one brings its recipe back, end to end on the real
/// engine (the tiny fixture model).
/// </summary>
public sealed class VersionRestoreTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_version_records_the_run_that_made_the_image_not_edits_made_after_it()
    {
        var fay = await People.RegisterAsync(app, "Fay");
        var room = await People.CreateRoomAsync(app, fay);
        await TypeAsync(fay, room.Id, baseRevision: 0, "a red fox");
        await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { model = "tiny-txt2img", steps = 2 }));
        await Ok(fay.Client.PostAsync($"/api/rooms/{room.Id}/generate", null));
        await WaitForCompletedAsync(fay, room.Id);
        await TypeAsync(fay, room.Id, baseRevision: 1, " at night", retain: 9);
        await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { steps = 9 }));

        using var saved = await Ok(fay.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "Fox" }));

        var version = saved.RootElement;
        Assert.Equal("a red fox", version.GetProperty("prompt").GetProperty("text").GetString());
        Assert.Equal(2, version.GetProperty("parameters").GetProperty("steps").GetInt32());
        Assert.Equal("Fay", version.GetProperty("ranByName").GetString());
        Assert.Equal(JsonValueKind.Number, version.GetProperty("seed").ValueKind);
        Assert.Equal("tiny-txt2img", version.GetProperty("modelName").GetString());
    }

    [Fact]
    public async Task Restoring_brings_the_recipe_back_with_its_authors_and_later_versions_name_it_as_parent()
    {
        var fay = await People.RegisterAsync(app, "Fay");
        var eli = await People.RegisterAsync(app, "Eli");
        var room = await People.CreateRoomAsync(app, fay);
        var eliId = await People.AddMemberAsync(app, fay, room, eli, CollabCanvas.Rooms.RoomRole.Editor);
        await TypeAsync(fay, room.Id, baseRevision: 0, "a red ");
        await TypeAsync(eli, room.Id, baseRevision: 1, "fox", retain: 6);
        await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { model = "tiny-txt2img", steps = 2 }));
        await Ok(fay.Client.PostAsync($"/api/rooms/{room.Id}/generate", null));
        await WaitForCompletedAsync(fay, room.Id);
        using var saved = await Ok(fay.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "Fox" }));
        var first = saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();
        var seed = saved.RootElement.GetProperty("seed").GetInt64();
        await TypeAsync(fay, room.Id, baseRevision: 2, " at night", retain: 9);
        await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { steps = 3 }));

        using var restored = await Ok(eli.Client.PostAsync($"/api/rooms/{room.Id}/versions/{first}/restore", null));

        Assert.Equal(first, restored.RootElement.GetProperty("summary").GetProperty("id").GetGuid());
        using var live = await Ok(fay.Client.GetAsync($"/api/rooms/{room.Id}/live"));
        var prompt = live.RootElement.GetProperty("prompt");
        Assert.Equal("a red fox", prompt.GetProperty("text").GetString());
        var spans = prompt.GetProperty("authors").EnumerateArray()
            .Select(span => (span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32(), span.GetProperty("author").GetGuid() == eliId))
            .ToList();
        Assert.Equal(new[] { (0, 6, false), (6, 3, true) }, spans);
        var parameters = live.RootElement.GetProperty("parameters");
        Assert.Equal(2, parameters.GetProperty("steps").GetInt32());
        Assert.Equal(seed, parameters.GetProperty("seed").GetInt64());
        Assert.Equal("Eli", live.RootElement.GetProperty("parametersChangedBy").GetProperty("Steps").GetString());
        Assert.Equal(first, live.RootElement.GetProperty("originVersionId").GetGuid());

        await Ok(eli.Client.PostAsync($"/api/rooms/{room.Id}/generate", null));
        await WaitForCompletedAsync(eli, room.Id);
        using var second = await Ok(eli.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "Again" }));
        Assert.Equal(first, second.RootElement.GetProperty("summary").GetProperty("parentVersionId").GetGuid());
        Assert.Equal(seed, second.RootElement.GetProperty("seed").GetInt64());
    }

    [Fact]
    public async Task Saving_retitling_and_restoring_a_version_tells_every_node_watching_the_room()
    {
        var fay = await People.RegisterAsync(app, "Fay");
        var room = await People.CreateRoomAsync(app, fay);
        // What another participant's page does: watch the room through the node's relay.
        var changes = new ConcurrentQueue<Guid>();
        await using var watch = await app.Services.GetRequiredService<RoomEventRelay>().WatchAsync(room.Id, local =>
        {
            if (local.Event is VersionsChanged changed)
            {
                changes.Enqueue(changed.VersionId);
            }

            return Task.CompletedTask;
        });
        await TypeAsync(fay, room.Id, baseRevision: 0, "a red fox");
        await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { model = "tiny-txt2img", steps = 2 }));
        await Ok(fay.Client.PostAsync($"/api/rooms/{room.Id}/generate", null));
        await WaitForCompletedAsync(fay, room.Id);

        using var saved = await Ok(fay.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "Fox" }));
        var versionId = saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();
        await WaitForChangesAsync(changes, 1);
        using var edited = await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/versions/{versionId}", new { title = "Fox at dawn" }));
        await WaitForChangesAsync(changes, 2);
        using var restored = await Ok(fay.Client.PostAsync($"/api/rooms/{room.Id}/versions/{versionId}/restore", null));
        await WaitForChangesAsync(changes, 3);

        Assert.Equal([versionId, versionId, versionId], changes);
    }

    private static async Task WaitForChangesAsync(ConcurrentQueue<Guid> changes, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (changes.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(changes.Count >= count, $"expected {count} VersionsChanged events, got {changes.Count}");
    }

    [Fact]
    public async Task Restoring_a_version_of_another_room_or_one_that_does_not_exist_is_not_found()
    {
        var fay = await People.RegisterAsync(app, "Fay");
        var first = await People.CreateRoomAsync(app, fay, "First");
        var second = await People.CreateRoomAsync(app, fay, "Second");
        await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{first.Id}/parameters", new { model = "tiny-txt2img", steps = 1 }));
        await Ok(fay.Client.PostAsync($"/api/rooms/{first.Id}/generate", null));
        await WaitForCompletedAsync(fay, first.Id);
        using var saved = await Ok(fay.Client.PostAsJsonAsync($"/api/rooms/{first.Id}/versions", new { title = "Mine" }));
        var versionId = saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();

        var crossRoom = await fay.Client.PostAsync($"/api/rooms/{second.Id}/versions/{versionId}/restore", null);
        var missing = await fay.Client.PostAsync($"/api/rooms/{first.Id}/versions/{Guid.NewGuid()}/restore", null);

        Assert.Equal(HttpStatusCode.NotFound, crossRoom.StatusCode);
        Assert.DoesNotContain("Mine", await crossRoom.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var live = await Ok(fay.Client.GetAsync($"/api/rooms/{second.Id}/live"));
        Assert.Equal(JsonValueKind.Null, live.RootElement.GetProperty("originVersionId").ValueKind);
    }
}
