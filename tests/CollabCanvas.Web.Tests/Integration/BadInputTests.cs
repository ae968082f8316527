using System.Net;
using System.Net.Http.Json;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>Hostile and unusual input is refused with a message, or stored and shown escaped; never a 500.</summary>
public sealed class BadInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("' OR 1=1 --", "A join code is 6 letters")]
    [InlineData("<script>alert(1)</script>", "A join code is 6 letters")]
    [InlineData("ABC'); DROP TABLE Rooms;--", "A join code is 6 letters")]
    [InlineData("ZZZZZZ", "No room has this code")]
    public async Task Hostile_join_codes_are_refused_with_a_message(string code, string message)
    {
        var response = await Forms.JoinAsync(app.CreatePersonClient(), code, "Mallory");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
    }

    [Fact]
    public async Task A_ten_thousand_character_name_is_refused_with_the_limit()
    {
        var owner = await People.RegisterAsync(app, "Owner");
        var room = await People.CreateRoomAsync(app, owner);

        var response = await Forms.JoinAsync(app.CreatePersonClient(), room.Code, new string('n', 10_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Display name must be at most 40 characters.", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("مريم 👋🏽")]
    [InlineData("שלום‏ world")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Zoë & \"Co\"")]
    public async Task Unusual_names_are_stored_as_typed_and_shown_escaped(string name)
    {
        var owner = await People.RegisterAsync(app, "Host");
        var room = await People.CreateRoomAsync(app, owner, "<b>Bold</b> room");
        var guest = await People.JoinAsGuestAsync(app, room.Code, name);

        var details = await owner.Client.GetFromJsonAsync<RoomJson>($"/api/rooms/{room.Id}", Json);
        Assert.Contains(details!.Participants, p => p.DisplayName == name);

        var page = await guest.Client.GetAsync($"/rooms/{room.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(name, WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>Bold</b>", html);
    }

    [Fact]
    public async Task Room_names_over_the_limit_are_refused_by_the_api()
    {
        var owner = await People.RegisterAsync(app, "Namer");
        var room = await People.CreateRoomAsync(app, owner);

        var response = await owner.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/name", new { name = new string('r', 10_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 80 characters", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"role\":\"Overlord\"}")]
    [InlineData("{\"role\":42}")]
    [InlineData("not json")]
    public async Task Malformed_role_changes_are_bad_requests(string body)
    {
        var owner = await People.RegisterAsync(app, "Roler");
        var room = await People.CreateRoomAsync(app, owner);

        var response = await owner.Client.PutAsync(
            $"/api/rooms/{room.Id}/members/{Guid.NewGuid()}/role",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/rooms/not-a-guid")]
    [InlineData("/api/rooms/not-a-guid")]
    [InlineData("/join/%3Cscript%3E")]
    [InlineData("/join?invite=garbage")]
    public async Task Odd_urls_never_fail_with_500(string url)
    {
        var response = await app.CreatePersonClient().GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url} answered {response.StatusCode}");
    }

    [Fact]
    public async Task A_forged_invite_token_is_refused_with_a_message()
    {
        var owner = await People.RegisterAsync(app, "Inviter");
        var room = await People.CreateRoomAsync(app, owner);
        var client = app.CreatePersonClient();

        var response = await Forms.PostAsync(client, $"/join/{room.Code}?invite=forged", "join", new Dictionary<string, string>
        {
            ["Input.Code"] = room.Code,
            ["Input.DisplayName"] = "Forger",
            ["Input.InviteToken"] = "forged",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This invite link has expired or is not for this room", await response.Content.ReadAsStringAsync());
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private sealed record ParticipantJson(Guid MemberId, string DisplayName, RoomRole Role, bool IsGuest);

    private sealed record RoomJson(Guid Id, string Name, IReadOnlyList<ParticipantJson> Participants);
}
