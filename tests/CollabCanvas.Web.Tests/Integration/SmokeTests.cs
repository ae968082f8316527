using System.Net;
using System.Text.RegularExpressions;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Integration;

public sealed partial class SmokeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Home_page_and_its_MudBlazor_stylesheet_are_served()
    {
        var client = app.CreateClient();

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("Make images together, live.", html);

        var css = MudBlazorStylesheet().Match(html);
        Assert.True(css.Success, "the page links MudBlazor's stylesheet");
        var cssResponse = await client.GetAsync(css.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, cssResponse.StatusCode);
        Assert.Contains(".mud-", await cssResponse.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/favicon.svg")).StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        var response = await app.CreateClient().GetAsync("/");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Pages_have_no_inline_script()
    {
        foreach (var path in new[] { "/", "/rooms", "/join", "/Account/Login", "/Account/Register" })
        {
            var html = await app.CreateClient().GetStringAsync(path);
            Assert.DoesNotMatch(InlineScript(), html);
        }
    }

    [Fact]
    public async Task Unknown_pages_answer_404_with_a_page()
    {
        var response = await app.CreateClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing here", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("href=\"(_content/MudBlazor/MudBlazor[^\"]*\\.css)\"")]
    private static partial Regex MudBlazorStylesheet();

    // A <script> element with content (not just a src) would need 'unsafe-inline' under our CSP.
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>\\s*\\S")]
    private static partial Regex InlineScript();
}
