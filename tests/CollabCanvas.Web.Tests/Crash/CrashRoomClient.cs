using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Crash;

/// <summary>
/// One person talking to the app over HTTP only (forms and the JSON API), as a script would. The cookie jar outlives
/// the app process: the app keeps its data-protection keys in the data folder, so the sign-in survives a restart.
/// </summary>
internal sealed class CrashRoomClient(CookieContainer cookies) : IDisposable
{
    private HttpClient http = new();

    public CookieContainer Cookies { get; } = cookies;

    /// <summary>Points this person at a (re)started app; cookies are kept (they name the host, not the port).</summary>
    public void Connect(AppProcess app)
    {
        http.Dispose();
        http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Task RegisterAsync(string name) =>
        Forms.RegisterAsync(http, $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test", name);

    /// <summary>Creates a room through the /rooms form; returns its id from the redirect to its page.</summary>
    public async Task<Guid> CreateRoomAsync(string name)
    {
        var response = await Forms.PostAsync(http, "/rooms", "create-room", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Description"] = "Crash test",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Create room answered {response.StatusCode}: {await Forms.Excerpt(response)}");
        return Guid.Parse(response.Headers.Location!.OriginalString.TrimEnd('/').Split('/')[^1]);
    }

    public async Task<(Guid MemberId, string? JoinCode)> GetRoomAsync(Guid roomId)
    {
        using var room = await OkAsync(http.GetAsync($"/api/rooms/{roomId}"));
        var code = room.RootElement.GetProperty("joinCode");
        return (room.RootElement.GetProperty("myMemberId").GetGuid(), code.ValueKind == JsonValueKind.String ? code.GetString() : null);
    }

    public async Task JoinAsync(string code, string name)
    {
        var response = await Forms.JoinAsync(http, code, name);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Join answered {response.StatusCode}: {await Forms.Excerpt(response)}");
    }

    public async Task ChangeParametersAsync(Guid roomId, object change) =>
        (await OkAsync(http.PutAsJsonAsync($"/api/rooms/{roomId}/parameters", change))).Dispose();

    /// <summary>Types <paramref name="text"/> at <paramref name="at"/> into the prompt, against the revision given.</summary>
    public async Task TypeAsync(Guid roomId, long baseRevision, int at, string text)
    {
        object[] steps = at > 0
            ? [new { kind = "Retain", count = at }, new { kind = "Insert", count = text.Length, text }]
            : [new { kind = "Insert", count = text.Length, text }];
        using var applied = await OkAsync(http.PostAsJsonAsync($"/api/rooms/{roomId}/prompt", new
        {
            field = "Prompt",
            edit = new { editId = Guid.NewGuid(), baseRevision, operation = new { steps } },
        }));
    }

    public async Task AddStrokeAsync(Guid roomId, Guid strokeId) =>
        (await OkAsync(http.PostAsJsonAsync($"/api/rooms/{roomId}/mask/strokes", new
        {
            id = strokeId,
            author = Guid.Empty,
            tool = "Brush",
            size = 3,
            points = new[] { new { x = 2, y = 2 }, new { x = 5, y = 4 } },
        }))).Dispose();

    public Task<JsonDocument> LiveAsync(Guid roomId) => OkAsync(http.GetAsync($"/api/rooms/{roomId}/live"));

    /// <summary>Starts a run and waits until it completes (a failed or cancelled run fails the test).</summary>
    public async Task GenerateAsync(Guid roomId, CancellationToken cancellationToken)
    {
        (await OkAsync(http.PostAsync($"/api/rooms/{roomId}/generate", null, cancellationToken))).Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            using var live = await OkAsync(http.GetAsync($"/api/rooms/{roomId}/live", cancellationToken));
            var state = live.RootElement.GetProperty("generation") is { ValueKind: JsonValueKind.Object } generation
                ? generation.GetProperty("state").GetString()
                : null;
            if (state is "Completed")
            {
                return;
            }

            Assert.False(state is "Failed" or "Cancelled", $"The generation ended {state}: {live.RootElement.GetProperty("generation")}");
            await Task.Delay(25, cancellationToken);
        }

        Assert.Fail("The generation did not complete in 120 s.");
    }

    /// <summary>Saves the room's last image as a version; returns its id once the app has answered 2xx.</summary>
    public async Task<Guid> SaveVersionAsync(Guid roomId, string title, CancellationToken cancellationToken)
    {
        using var saved = await OkAsync(http.PostAsJsonAsync($"/api/rooms/{roomId}/versions", new { title }, cancellationToken));
        return saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();
    }

    public async Task<IReadOnlySet<Guid>> ListVersionIdsAsync(Guid roomId)
    {
        using var list = await OkAsync(http.GetAsync($"/api/rooms/{roomId}/versions"));
        return list.RootElement.EnumerateArray().Select(version => version.GetProperty("id").GetGuid()).ToHashSet();
    }

    public void Dispose() => http.Dispose();

    /// <summary>A 2xx answer's JSON; any other answer fails the test (an answer at all means the app was alive).</summary>
    private static async Task<JsonDocument> OkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
