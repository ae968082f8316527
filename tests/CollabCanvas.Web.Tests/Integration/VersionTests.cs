using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabCanvas.Data.Provenance;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>
/// Saving a version end to end on the real engine (the tiny fixture model): two people write the prompt, one
/// generates, the other saves; the version and its files carry the recipe and the credits, and never leak into
/// another room.
/// </summary>
public sealed class VersionTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public VersionTests(AppFactory app) => _app = app;

    [Fact]
    public async Task A_saved_version_downloads_as_a_png_whose_parameters_and_xmp_round_trip()
    {
        var fay = await People.RegisterAsync(_app, "Fay");
        var eli = await People.RegisterAsync(_app, "Eli");
        var room = await People.CreateRoomAsync(_app, fay);
        await People.AddMemberAsync(_app, fay, room, eli, CollabCanvas.Rooms.RoomRole.Editor);
        await TypeAsync(fay, room.Id, baseRevision: 0, "a red ");
        await TypeAsync(eli, room.Id, baseRevision: 1, "fox", retain: 6);
        await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { model = "tiny-txt2img", steps = 2, seed = 42 }));

        await Ok(fay.Client.PostAsync($"/api/rooms/{room.Id}/generate", null));
        await WaitForCompletedAsync(fay, room.Id);
        var saved = await Ok(eli.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "<b>Fox</b>" }));
        var versionId = saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();

        var png = await eli.Client.GetAsync($"/api/rooms/{room.Id}/versions/{versionId}/image.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        var provenance = PngProvenanceReader.Read(bytes);
        Assert.NotNull(provenance.Xmp);
        Assert.Contains("digitalsourcetype/trainedAlgorithmicMedia", provenance.Xmp, StringComparison.Ordinal);
        var recipe = PngProvenanceReader.ReadRecipe(bytes);
        Assert.Equal("a red fox", recipe.Prompt);
        Assert.Equal(42, recipe.Seed);
        Assert.Equal(2, recipe.Steps);
        Assert.Equal("tiny-txt2img", recipe.ModelName);
        Assert.False(string.IsNullOrEmpty(recipe.ModelHash), "the model's fingerprint is recorded");
        var roles = recipe.Contributors.ToDictionary(contributor => contributor.Name, contributor => contributor.Roles);
        Assert.Equal(ContributorRoles.PromptWriter | ContributorRoles.Runner, roles["Fay"]);
        Assert.Equal(ContributorRoles.PromptWriter | ContributorRoles.Saver, roles["Eli"]);

        var sidecar = await fay.Client.GetStringAsync($"/api/rooms/{room.Id}/versions/{versionId}/recipe.json");
        Assert.Equal(recipe, RecipeSidecar.Deserialize(sidecar));

        var thumbnail = await fay.Client.GetAsync($"/api/rooms/{room.Id}/versions/{versionId}/thumbnail.png");
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/png", thumbnail.Content.Headers.ContentType?.MediaType);

        using var list = await Ok(fay.Client.GetAsync($"/api/rooms/{room.Id}/versions"));
        var listed = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("<b>Fox</b>", listed.GetProperty("title").GetString());
        var shares = listed.GetProperty("contributors").EnumerateArray()
            .ToDictionary(credit => credit.GetProperty("name").GetString()!, credit => credit.GetProperty("promptShare").GetDouble());
        Assert.Equal(6.0 / 9, shares["Fay"], 6);
        Assert.Equal(3.0 / 9, shares["Eli"], 6);

        // The room page's gallery shows the title as text, never as markup.
        var page = await fay.Client.GetStringAsync($"/rooms/{room.Id}");
        Assert.Contains("&lt;b&gt;Fox&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Fox</b>", page, StringComparison.Ordinal);
        Assert.Contains($"versions/{versionId}/thumbnail.png", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_id_from_another_room_is_not_found_there()
    {
        var fay = await People.RegisterAsync(_app, "Fay");
        var first = await People.CreateRoomAsync(_app, fay, "First");
        var second = await People.CreateRoomAsync(_app, fay, "Second");
        await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{first.Id}/parameters", new { model = "tiny-txt2img", steps = 1 }));
        await Ok(fay.Client.PostAsync($"/api/rooms/{first.Id}/generate", null));
        await WaitForCompletedAsync(fay, first.Id);
        using var saved = await Ok(fay.Client.PostAsJsonAsync($"/api/rooms/{first.Id}/versions", new { title = "Mine" }));
        var versionId = saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();

        // Fay may view both rooms, so only the room-scoped lookup stands between her and a cross-room read.
        foreach (var path in new[] { "", "/image.png", "/recipe.json", "/thumbnail.png" })
        {
            var response = await fay.Client.GetAsync($"/api/rooms/{second.Id}/versions/{versionId}{path}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.DoesNotContain("Mine", await response.Content.ReadAsStringAsync());
        }

        var edit = await fay.Client.PutAsJsonAsync($"/api/rooms/{second.Id}/versions/{versionId}", new { title = "Stolen" });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fay.Client.GetAsync($"/api/rooms/{first.Id}/versions/{versionId}")).StatusCode);
    }

    [Fact]
    public async Task Title_and_note_edits_are_recorded_and_nothing_to_save_is_a_conflict()
    {
        var fay = await People.RegisterAsync(_app, "Fay");
        var room = await People.CreateRoomAsync(_app, fay);
        var nothing = await fay.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "Empty" });
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);

        await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { model = "tiny-txt2img", steps = 1 }));
        await Ok(fay.Client.PostAsync($"/api/rooms/{room.Id}/generate", null));
        await WaitForCompletedAsync(fay, room.Id);
        using var saved = await Ok(fay.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "First" }));
        var versionId = saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();

        using var edited = await Ok(fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/versions/{versionId}", new { title = "Second", note = "warmer light" }));

        Assert.Equal("Second", edited.RootElement.GetProperty("summary").GetProperty("title").GetString());
        Assert.Equal("warmer light", edited.RootElement.GetProperty("note").GetString());
        var edit = Assert.Single(edited.RootElement.GetProperty("edits").EnumerateArray());
        Assert.Equal(("First", "Second", "Fay"), (edit.GetProperty("oldTitle").GetString(), edit.GetProperty("newTitle").GetString(), edit.GetProperty("editedByName").GetString()));
        var tooLong = await fay.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/versions/{versionId}", new { title = new string('x', 500) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    internal static async Task TypeAsync(Person person, Guid roomId, long baseRevision, string text, int retain = 0)
    {
        object[] steps = retain > 0
            ? [new { kind = "Retain", count = retain }, new { kind = "Insert", count = text.Length, text }]
            : [new { kind = "Insert", count = text.Length, text }];
        await Ok(person.Client.PostAsJsonAsync($"/api/rooms/{roomId}/prompt", new
        {
            field = "Prompt",
            edit = new { editId = Guid.NewGuid(), baseRevision, operation = new { steps } },
        }));
    }

    internal static async Task WaitForCompletedAsync(Person person, Guid roomId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        string? state = null;
        while (DateTime.UtcNow < deadline)
        {
            using var live = await Ok(person.Client.GetAsync($"/api/rooms/{roomId}/live"));
            state = live.RootElement.GetProperty("generation") is { ValueKind: JsonValueKind.Object } generation
                ? generation.GetProperty("state").GetString()
                : null;
            if (state is "Completed")
            {
                return;
            }

            Assert.False(state is "Failed" or "Cancelled", $"The generation ended {state}: {live.RootElement.GetProperty("generation")}");
            await Task.Delay(200);
        }

        Assert.Fail($"The generation did not complete in time (last state {state}).");
    }

    internal static async Task<JsonDocument> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
