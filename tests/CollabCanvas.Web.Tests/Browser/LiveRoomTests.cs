using CollabCanvas.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>
/// Three people in one live room (A facilitator, B editor, C viewer): they see each other; B paints a stroke
/// and A and C see it; A generates and all three receive the preview frames and the same final image;
/// C has no Generate button.
/// </summary>
public sealed class LiveRoomTests(EveryStepPreviewsAppFactory app, ITestOutputHelper output) : IClassFixture<EveryStepPreviewsAppFactory>
{
    [Fact]
    public async Task Three_people_see_each_other_the_mask_and_the_same_generated_image()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        var a = await RoomPages.NewPersonAsync(browser, app, output);
        await RoomPages.RegisterAsync(a, "Fay");
        var (roomId, code) = await RoomPages.CreateRoomAsync(a, "Live studio");

        var b = await JoinAsGuestAsync(browser, code, "Gus");
        var c = await JoinAsGuestAsync(browser, code, "Cleo");
        await ChangeRoleAsync(roomId, "Fay", "Cleo", RoomRole.Viewer);
        await c.ReloadAsync();
        await Expect(c.Locator("[data-testid=my-role]")).ToContainTextAsync("Viewer");

        foreach (var page in new[] { a, b, c })
        {
            foreach (var name in new[] { "Fay", "Gus", "Cleo" })
            {
                await Expect(page.Locator(".cc-presence")).ToContainTextAsync(name);
            }
        }

        // B paints a stroke; A and C see B's layer.
        var canvas = b.Locator("[data-testid=mask-canvas]");
        var box = (await canvas.BoundingBoxAsync())!;
        await b.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height * 0.3f);
        await b.Mouse.DownAsync();
        await b.Mouse.MoveAsync(box.X + box.Width * 0.6f, box.Y + box.Height * 0.5f, new() { Steps = 8 });
        await b.Mouse.UpAsync();
        await Expect(a.Locator(".cc-layer-chip")).ToContainTextAsync("Gus");
        await Expect(c.Locator(".cc-layer-chip")).ToContainTextAsync("Gus");

        // C, a Viewer, has no Generate button and cannot paint.
        Assert.Equal(0, await c.Locator("[data-testid=generate]").CountAsync());
        Assert.Equal(0, await c.Locator("[data-testid=tool-brush]").CountAsync());

        // A generates; everyone gets the preview frames and then the same image.
        await a.Locator("[data-testid=generate]").ClickAsync();
        var images = new List<string?>();
        foreach (var page in new[] { a, b, c })
        {
            await Expect(page.Locator("[data-testid=progress]")).ToContainTextAsync("Done", new() { Timeout = 30_000 });
            var frames = int.Parse(await page.Locator("[data-testid=progress]").GetAttributeAsync("data-preview-frames") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(frames >= 3, $"a participant received {frames} preview frames");
            images.Add(await page.Locator("[data-testid=result]").GetAttributeAsync("src"));
        }

        Assert.StartsWith("data:image/png;base64,", images[0]);
        Assert.All(images, image => Assert.Equal(images[0], image));
        await RoomPages.ScreenshotAsync(a, "live-facilitator.png");
        await RoomPages.ScreenshotAsync(b, "live-editor.png");
        await RoomPages.ScreenshotAsync(c, "live-viewer.png");
    }

    private async Task<IPage> JoinAsGuestAsync(IBrowser browser, string code, string name)
    {
        var page = await RoomPages.NewPersonAsync(browser, app, output);
        await RoomPages.JoinAsGuestAsync(page, code, name);
        return page;
    }

    private async Task ChangeRoleAsync(Guid roomId, string facilitatorName, string memberName, RoomRole role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabCanvas.Data.AppDbContext>();
        var facilitator = db.RoomMembers.Single(m => m.RoomId == roomId && m.DisplayName == facilitatorName);
        var member = db.RoomMembers.Single(m => m.RoomId == roomId && m.DisplayName == memberName);
        var rooms = scope.ServiceProvider.GetRequiredService<CollabCanvas.Web.Rooms.RoomService>();
        var changed = await rooms.ChangeRoleAsync(RoomActor.Account(facilitator.UserId!, facilitatorName), roomId, member.Id, role);
        Assert.True(changed.Succeeded, changed.Error?.Message);
    }
}
