using System.Net;
using CollabCanvas.Web.Hosting;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Integration;

public sealed class AccountTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Registering_signs_the_person_in_and_log_out_signs_them_out()
    {
        var client = app.CreatePersonClient();
        await Forms.RegisterAsync(client, $"ada-{Guid.NewGuid():N}@example.test", "Ada");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/rooms")).StatusCode);
        var rooms = await client.GetStringAsync("/rooms");
        Assert.Contains("Create a room", rooms);

        var html = await client.GetStringAsync("/rooms");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/rooms")).StatusCode);
    }

    [Fact]
    public async Task Log_out_without_an_antiforgery_token_is_refused()
    {
        var client = app.CreatePersonClient();
        await Forms.RegisterAsync(client, $"bo-{Guid.NewGuid():N}@example.test", "Bo");

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/rooms")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_after_five_tries()
    {
        var email = $"cy-{Guid.NewGuid():N}@example.test";
        await Forms.RegisterAsync(app.CreatePersonClient(), email, "Cy");
        var client = app.CreatePersonClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await LogInAsync(client, email, "Wrong-passw0rd");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync());
        }

        var fifth = await LogInAsync(client, email, "Wrong-passw0rd");
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.EndsWith("Account/Lockout", fifth.Headers.Location!.OriginalString);

        // Even the right password is refused while locked.
        var right = await LogInAsync(client, email, "Passw0rd!");
        Assert.EndsWith("Account/Lockout", right.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_right_password_signs_in()
    {
        var email = $"di-{Guid.NewGuid():N}@example.test";
        await Forms.RegisterAsync(app.CreatePersonClient(), email, "Di");
        var client = app.CreatePersonClient();

        var response = await LogInAsync(client, email, "Passw0rd!");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/rooms")).StatusCode);
    }

    [Fact]
    public async Task Register_refuses_a_weak_password_with_the_reason()
    {
        var client = app.CreatePersonClient();
        var response = await Forms.PostAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Eve",
            ["Input.Email"] = $"eve-{Guid.NewGuid():N}@example.test",
            ["Input.Password"] = "password",
            ["Input.ConfirmPassword"] = "password",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("must have at least one digit", html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/rooms")).StatusCode);
    }

    private static Task<HttpResponseMessage> LogInAsync(HttpClient client, string email, string password) =>
        Forms.PostAsync(client, "/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
}

/// <summary>A factory whose log-in limit is tiny, so the limiter can be seen.</summary>
public sealed class ThrottledAppFactory : AppFactory
{
    public ThrottledAppFactory()
    {
        LoginPermits = 3;
        JoinPermits = 3;
    }
}

public sealed class RateLimitTests(ThrottledAppFactory app) : IClassFixture<ThrottledAppFactory>
{
    [Fact]
    public async Task Login_posts_beyond_the_limit_get_429_with_a_message_but_the_page_still_loads()
    {
        var client = app.CreatePersonClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await Forms.PostAsync(client, "/Account/Login", "login", new Dictionary<string, string>
            {
                ["Input.Email"] = "nobody@example.test",
                ["Input.Password"] = "Wrong-passw0rd",
            });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(RateLimitPolicies.RejectionMessage, await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task Join_attempts_beyond_the_limit_get_429()
    {
        var client = app.CreatePersonClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await Forms.JoinAsync(client, "ABCDEF", "Guesser")).StatusCode);
        }

        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
