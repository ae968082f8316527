using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabCanvas.Data;
using CollabCanvas.Tests.Postgres;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Postgres;

/// <summary>
/// The whole app on Postgres (Data:Provider = Postgres): it migrates an empty database at start, then accounts, rooms,
/// a generation and a saved version work as on SQLite, and the rows are in Postgres.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAppTests(PostgresServer server)
{
    [Fact]
    public async Task On_postgres_a_person_registers_creates_a_room_generates_and_saves_a_version()
    {
        await using var app = await PostgresAppFactory.CreateAsync(server);
        var ada = await People.RegisterAsync(app, "Ada");
        var room = await People.CreateRoomAsync(app, ada);
        await Ok(ada.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { model = "tiny-txt2img", steps = 1, seed = 3 }));
        await Ok(ada.Client.PostAsync($"/api/rooms/{room.Id}/generate", null));
        await WaitForCompletedAsync(ada, room.Id);

        using var saved = await Ok(ada.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "On Postgres" }));
        var versionId = saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();
        using var list = await Ok(ada.Client.GetAsync($"/api/rooms/{room.Id}/versions"));
        Assert.Equal(versionId, Assert.Single(list.RootElement.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await ada.Client.GetAsync($"/api/rooms/{room.Id}/versions/{versionId}/image.png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ada.Client.GetAsync("/health/ready")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(db.Database.IsNpgsql(), $"the app uses {db.Database.ProviderName}");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var version = await db.RoomVersions.SingleAsync(row => row.Id == versionId);
        Assert.Equal(("On Postgres", TimeSpan.Zero), (version.Title, version.CreatedAt.Offset));
    }

    private static async Task WaitForCompletedAsync(Person person, Guid roomId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        string? state = null;
        while (DateTime.UtcNow < deadline && state is not "Completed")
        {
            using var live = await Ok(person.Client.GetAsync($"/api/rooms/{roomId}/live"));
            state = live.RootElement.GetProperty("generation") is { ValueKind: JsonValueKind.Object } generation
                ? generation.GetProperty("state").GetString()
                : null;
            Assert.False(state is "Failed" or "Cancelled", $"The generation ended {state}");
            await Task.Delay(100);
        }

        Assert.Equal("Completed", state);
    }

    private static async Task<JsonDocument> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
