using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>Two people type into one prompt at the same time; both end with the same text, coloured by author.</summary>
public sealed class CoEditingTests(BrowserAppFactory app, ITestOutputHelper output) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task Two_people_typing_at_once_converge_on_one_text_with_both_authors()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        var alice = await RoomPages.NewPersonAsync(browser, app, output);
        await RoomPages.RegisterAsync(alice, "Alice");
        var (_, code) = await RoomPages.CreateRoomAsync(alice, "Co-editing");
        var bob = await RoomPages.NewPersonAsync(browser, app, output);
        await RoomPages.JoinAsGuestAsync(bob, code, "Bob");
        await Expect(alice.Locator(".cc-presence")).ToContainTextAsync("Bob");
        await Expect(bob.Locator(".cc-presence")).ToContainTextAsync("Alice");

        var alicePrompt = alice.Locator("[data-testid=prompt-input]");
        var bobPrompt = bob.Locator("[data-testid=prompt-input]");
        await alicePrompt.ClickAsync();
        await bobPrompt.ClickAsync();

        // Both type at the same time, keystroke by keystroke.
        await Task.WhenAll(
            alicePrompt.PressSequentiallyAsync("a red fox ", new() { Delay = 15 }),
            bobPrompt.PressSequentiallyAsync("in the snow", new() { Delay = 15 }));

        await WaitForSameTextAsync(alice, bob);
        var text = await alicePrompt.InputValueAsync();
        Assert.Equal(21, text.Length);
        Assert.Contains("a red fox ", text);
        Assert.Contains("in the snow", text);
        output.WriteLine($"converged on: {text}");

        // The coloured view shows both authors; the legend names them.
        await Expect(alice.Locator("[data-testid=prompt-authors]")).ToHaveTextAsync(text);
        Assert.Equal(2, await alice.Locator("[data-testid=prompt-authors] .cc-author-span").Locator("xpath=.").EvaluateAllAsync<int>("spans => new Set(spans.map(s => s.getAttribute('title'))).size"));
        await Expect(bob.Locator(".cc-prompt-legend").First).ToContainTextAsync("Alice");
        await Expect(bob.Locator(".cc-prompt-legend").First).ToContainTextAsync("Bob");
        await RoomPages.ScreenshotAsync(alice, "co-editing-alice.png");
    }

    private static async Task WaitForSameTextAsync(IPage first, IPage second)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var a = await first.Locator("[data-testid=prompt-input]").InputValueAsync();
            var b = await second.Locator("[data-testid=prompt-input]").InputValueAsync();
            var authors = await first.Locator("[data-testid=prompt-authors]").InnerTextAsync();
            if (a == b && a == authors && a.Length == 21)
            {
                return;
            }

            var alerts = string.Join(" / ", await first.Locator("[role=alert]").AllInnerTextsAsync()) + " / " + string.Join(" / ", await second.Locator("[role=alert]").AllInnerTextsAsync());
            Assert.True(DateTime.UtcNow < deadline, $"texts did not converge: '{a}' vs '{b}' (confirmed '{authors}'); alerts: {alerts}");
            await Task.Delay(100);
        }
    }
}
