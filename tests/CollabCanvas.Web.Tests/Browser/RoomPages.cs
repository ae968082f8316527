using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>The steps browser tests share: a page per person, registering and creating a room, joining as a guest.</summary>
internal static class RoomPages
{
    /// <summary>
    /// Generous waits: CI and shared machines are slow, and the first request of a fresh app compiles a lot.
    /// A wait that is too short fails a working app; one that is long only slows a broken one.
    /// </summary>
    private const float PatienceMs = 90_000;

    static RoomPages() => Assertions.SetDefaultExpectTimeout(30_000);

    /// <summary>
    /// Waiting for a form post's redirect: until the new URL commits, not until the document's "load" event. A full
    /// CI run once timed out here after the redirect to the room had committed and the network had gone idle, with
    /// only that event missing; nothing these tests do next needs it, and each step after waits for what it uses
    /// (the room's live view, which appears once the page is interactive and connected to the room).
    /// </summary>
    private static readonly PageWaitForURLOptions UntilCommitted = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>A new browser context (one person, own cookies) on the app; its console errors go to the test output.</summary>
    public static async Task<IPage> NewPersonAsync(IBrowser browser, BrowserAppFactory app, ITestOutputHelper output, List<string>? consoleErrors = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(PatienceMs);
        context.SetDefaultNavigationTimeout(PatienceMs);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors?.Add(message.Text);
                output.WriteLine($"browser console: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Registers <paramref name="name"/> through the form; the page ends on /rooms.</summary>
    public static async Task RegisterAsync(IPage page, string name)
    {
        await page.GotoAsync("/Account/Register");
        await page.FillAsync("#register-name", name);
        await page.FillAsync("#register-email", $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}@example.test");
        await page.FillAsync("#register-password", "Passw0rd!");
        await page.FillAsync("#register-confirm", "Passw0rd!");
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/rooms", UntilCommitted);
    }

    /// <summary>Creates a room from /rooms; the page ends in the room. Returns its id and join code.</summary>
    public static async Task<(Guid Id, string Code)> CreateRoomAsync(IPage page, string roomName, string? description = null)
    {
        await page.FillAsync("#room-name", roomName);
        if (description is not null)
        {
            await page.FillAsync("#room-description", description);
        }

        await page.Locator("form:has(#room-name) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/rooms/*-*", UntilCommitted);
        await WaitUntilLiveAsync(page);
        var code = (await page.Locator("[data-testid=join-code]").InnerTextAsync()).Trim();
        return (Guid.Parse(new Uri(page.Url).Segments[^1]), code);
    }

    /// <summary>Joins a room as a guest by its code; the page ends in the room.</summary>
    public static async Task JoinAsGuestAsync(IPage page, string code, string name)
    {
        await page.GotoAsync($"/join/{code}");
        await page.FillAsync("#join-name", name);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/rooms/*-*", UntilCommitted);
        await WaitUntilLiveAsync(page);
    }

    /// <summary>Until the room's live view shows who is here: the circuit is up and the room's snapshot drawn.</summary>
    private static Task WaitUntilLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator(".cc-presence")).ToBeVisibleAsync(new() { Timeout = PatienceMs });

    public static Task ScreenshotAsync(IPage page, string fileName) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.TestOutput, fileName), FullPage = true });
}
