using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>
/// A person registers and creates a room in one browser; a second browser context joins it as a guest by
/// code. Screenshots of both land in test-results/artifacts/.
/// </summary>
public sealed class RegisterCreateAndJoinTests(BrowserAppFactory app, ITestOutputHelper output) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task A_facilitator_creates_a_room_and_a_guest_joins_it_by_code()
    {
        Assert.True(File.Exists(Chromium.ExecutablePath), $"{Chromium.ExecutablePath} is missing: run ./test.sh, which installs Debian's chromium.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var consoleErrors = new List<string>();

        // The facilitator registers and creates a room.
        var facilitator = await RoomPages.NewPersonAsync(browser, app, output, consoleErrors);
        await RoomPages.RegisterAsync(facilitator, "Fay Facilitator");
        var (_, code) = await RoomPages.CreateRoomAsync(facilitator, "Saturday workshop", "Dragons & castles");
        Assert.Matches("^[A-Z]{6}$", code);

        // The page is interactive over the Blazor circuit (and the CSP lets it be): making an invite link works.
        await ClickUntilVisibleAsync(facilitator, facilitator.GetByRole(AriaRole.Button, new() { Name = "Create link" }), facilitator.Locator("[data-testid=invite-link]"));
        await ScreenshotAsync(facilitator, "facilitator-room.png");

        // A guest joins by code from a second, separate browser context.
        var guest = await RoomPages.NewPersonAsync(browser, app, output, consoleErrors);
        await guest.GotoAsync("/join");
        await guest.FillAsync("#join-code", code.ToLowerInvariant());
        await guest.FillAsync("#join-name", "Gus Guest");
        await guest.Locator("form button[type=submit]").ClickAsync();
        await guest.WaitForURLAsync("**/rooms/*-*");
        await Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "Saturday workshop" })).ToBeVisibleAsync();
        await Expect(guest.Locator("[data-testid=my-role]")).ToContainTextAsync("Editor");
        await Expect(guest.GetByText("Guest · Gus Guest")).ToBeVisibleAsync();
        Assert.Equal(0, await guest.Locator("[data-testid=join-code]").CountAsync());
        await ScreenshotAsync(guest, "guest-room.png");

        // The facilitator sees the guest among the participants.
        await facilitator.ReloadAsync();
        await Expect(facilitator.Locator(".cc-participants")).ToContainTextAsync("Gus Guest");

        Assert.DoesNotContain(consoleErrors, message => message.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(consoleErrors, message => message.Contains("blazor", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A click before the circuit has attached does nothing, so click again until the result shows.</summary>
    private static async Task ClickUntilVisibleAsync(IPage page, ILocator button, ILocator result)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await result.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 1000 });
                return;
            }
            catch (TimeoutException)
            {
                // not interactive yet
            }
        }

        await Expect(result).ToBeVisibleAsync();
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        await RoomPages.ScreenshotAsync(page, name);
        output.WriteLine($"screenshot: {Path.Combine(RepositoryPaths.TestOutput, name)}");
    }
}
