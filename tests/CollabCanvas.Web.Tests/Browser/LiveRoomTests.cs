using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>
/// Two people in one live room: they see each other present, the facilitator generates, and both end with
/// the same image; the guest (made a Viewer) gets no Generate button.
/// </summary>
public sealed class LiveRoomTests(BrowserAppFactory app, ITestOutputHelper output) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task Everyone_in_the_room_sees_each_other_and_the_same_generated_image()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        var facilitator = await NewPageAsync(browser);
        await facilitator.GotoAsync("/Account/Register");
        await facilitator.FillAsync("#register-name", "Fay");
        await facilitator.FillAsync("#register-email", $"fay-{Guid.NewGuid():N}@example.test");
        await facilitator.FillAsync("#register-password", "Passw0rd!");
        await facilitator.FillAsync("#register-confirm", "Passw0rd!");
        await facilitator.Locator("form button[type=submit]").ClickAsync();
        await facilitator.WaitForURLAsync("**/rooms");
        await facilitator.FillAsync("#room-name", "Live studio");
        await facilitator.Locator("form:has(#room-name) button[type=submit]").ClickAsync();
        await facilitator.WaitForURLAsync("**/rooms/*-*");
        var code = (await facilitator.Locator("[data-testid=join-code]").InnerTextAsync()).Trim();

        var guest = await NewPageAsync(browser);
        await guest.GotoAsync($"/join/{code}");
        await guest.FillAsync("#join-name", "Gus");
        await guest.Locator("form button[type=submit]").ClickAsync();
        await guest.WaitForURLAsync("**/rooms/*-*");

        // Presence: each sees the other.
        await Expect(facilitator.Locator(".cc-presence")).ToContainTextAsync("Gus");
        await Expect(guest.Locator(".cc-presence")).ToContainTextAsync("Fay");

        // The facilitator generates; both see the finished image, and it is the same image.
        await facilitator.Locator("[data-testid=generate]").ClickAsync();
        await Expect(facilitator.Locator("[data-testid=result]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(guest.Locator("[data-testid=result]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(guest.Locator("[data-testid=progress]")).ToContainTextAsync("Done");
        var facilitatorImage = await facilitator.Locator("[data-testid=result]").GetAttributeAsync("src");
        var guestImage = await guest.Locator("[data-testid=result]").GetAttributeAsync("src");
        Assert.StartsWith("data:image/png;base64,", facilitatorImage);
        Assert.Equal(facilitatorImage, guestImage);
        await guest.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.TestOutput, "live-guest.png"), FullPage = true });

        // Made a Viewer by the facilitator, the guest has no Generate button any more (after a reload).
        var roomId = Guid.Parse(new Uri(facilitator.Url).Segments[^1]);
        await ChangeRoleAsync(roomId, "Fay", "Gus", CollabCanvas.Rooms.RoomRole.Viewer);
        await guest.ReloadAsync();
        await Expect(guest.Locator("[data-testid=my-role]")).ToContainTextAsync("Viewer");
        await Expect(guest.Locator(".cc-presence")).ToContainTextAsync("Fay");
        Assert.Equal(0, await guest.Locator("[data-testid=generate]").CountAsync());
        output.WriteLine("live room ok");
    }

    private async Task ChangeRoleAsync(Guid roomId, string facilitatorName, string memberName, CollabCanvas.Rooms.RoomRole role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabCanvas.Data.AppDbContext>();
        var facilitator = db.RoomMembers.Single(m => m.RoomId == roomId && m.DisplayName == facilitatorName);
        var member = db.RoomMembers.Single(m => m.RoomId == roomId && m.DisplayName == memberName);
        var rooms = scope.ServiceProvider.GetRequiredService<CollabCanvas.Web.Rooms.RoomService>();
        var changed = await rooms.ChangeRoleAsync(CollabCanvas.Rooms.RoomActor.Account(facilitator.UserId!, facilitatorName), roomId, member.Id, role);
        Assert.True(changed.Succeeded, changed.Error?.Message);
    }

    private async Task<IPage> NewPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                output.WriteLine($"browser console: {message.Text}");
            }
        };
        return page;
    }
}
