using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>
/// The init image panel with two people in one room: the facilitator makes the last result the init image, the
/// editor uploads a PNG, then clears it; each change shows for both (the image itself, loaded from the room, and
/// who set or cleared it).
/// </summary>
public sealed class InitImageBrowserTests(BrowserAppFactory app, ITestOutputHelper output) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task Last_result_upload_and_clear_show_for_everyone_in_the_room()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        var fay = await RoomPages.NewPersonAsync(browser, app, output);
        await RoomPages.RegisterAsync(fay, "Fay");
        var (_, code) = await RoomPages.CreateRoomAsync(fay, "Init studio");
        var gus = await RoomPages.NewPersonAsync(browser, app, output);
        await RoomPages.JoinAsGuestAsync(gus, code, "Gus");
        var everyone = new[] { fay, gus };
        foreach (var page in everyone)
        {
            await Expect(page.Locator("[data-testid=init-image-none]")).ToBeVisibleAsync();
        }

        // Nothing to start from until a run has finished.
        await Expect(fay.Locator("[data-testid=init-image-from-result]")).ToBeDisabledAsync();
        await fay.Locator("[data-testid=generate]").ClickAsync();
        foreach (var page in everyone)
        {
            await Expect(page.Locator("[data-testid=progress]")).ToContainTextAsync("Done", new() { Timeout = 60_000 });
        }

        // Fay: use last result. Both see it, set by her.
        await fay.Locator("[data-testid=init-image-from-result]").ClickAsync();
        var fromResult = await ShownToEveryoneAsync(everyone, "Set by Fay.");

        // Gus uploads a 40×24 PNG: both see that image, set by him.
        await gus.Locator("[data-testid=init-image-upload]").SetInputFilesAsync(new FilePayload
        {
            Name = "sketch.png",
            MimeType = "image/png",
            Buffer = UploadImages.Png(40, 24, shade: 200),
        });
        foreach (var page in everyone)
        {
            await Expect(page.Locator("[data-testid=init-image-thumb]")).Not.ToHaveAttributeAsync("src", fromResult);
        }

        await ShownToEveryoneAsync(everyone, "Set by Gus.");
        foreach (var page in everyone)
        {
            var size = await page.Locator("[data-testid=init-image-thumb]").EvaluateAsync<int[]>("image => [image.naturalWidth, image.naturalHeight]");
            Assert.Equal(new[] { 40, 24 }, size);
        }

        await RoomPages.ScreenshotAsync(fay, "init-image-uploaded-seen-by-fay.png");

        // Gus clears it: both are back to none, cleared by him.
        await gus.Locator("[data-testid=init-image-clear]").ClickAsync();
        foreach (var page in everyone)
        {
            await Expect(page.Locator("[data-testid=init-image-none]")).ToContainTextAsync("Cleared by Gus.");
            await Expect(page.Locator("[data-testid=init-image-thumb]")).ToHaveCountAsync(0);
        }

        await Expect(gus.Locator("[data-testid=init-image-error]")).ToHaveCountAsync(0);
    }

    /// <summary>Waits until every page shows the same init image, loaded, with <paramref name="setBy"/>; returns its address.</summary>
    private static async Task<string> ShownToEveryoneAsync(IPage[] pages, string setBy)
    {
        string? shown = null;
        foreach (var page in pages)
        {
            var thumb = page.Locator("[data-testid=init-image-thumb]");
            await Expect(page.Locator("[data-testid=init-image-by]")).ToContainTextAsync(setBy);
            await Expect(thumb).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await thumb.EvaluateAsync<bool>("image => image.naturalWidth > 0"), "the init image did not load");
            var source = await thumb.GetAttributeAsync("src");
            Assert.StartsWith("/api/rooms/", source);
            shown ??= source;
            Assert.Equal(shown, source);
        }

        return shown!;
    }
}
