using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>
/// What others see while someone works: B's stroke forms on A's canvas before B lets go of the mouse, then
/// becomes B's committed layer; B's caret shows in A's prompt at B's place, and stays on B's character while
/// A types before it.
/// </summary>
public sealed class LiveDrawingTests(BrowserAppFactory app, ITestOutputHelper output) : IClassFixture<BrowserAppFactory>
{
    private const string RemotePoints = "() => Number(document.querySelector('[data-testid=mask-canvas]').dataset.remotePoints || 0)";

    [Fact]
    public async Task A_sees_Bs_stroke_while_it_is_drawn_then_committed_and_Bs_caret_in_the_prompt()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var errors = new List<string>();

        var a = await RoomPages.NewPersonAsync(browser, app, output, errors);
        await RoomPages.RegisterAsync(a, "Ana");
        var (_, code) = await RoomPages.CreateRoomAsync(a, "Drawing together");
        var b = await RoomPages.NewPersonAsync(browser, app, output, errors);
        await RoomPages.JoinAsGuestAsync(b, code, "Ben");
        await Expect(a.Locator(".cc-presence")).ToContainTextAsync("Ben");
        await Expect(b.Locator(".cc-presence")).ToContainTextAsync("Ana");

        // B presses and drags, pausing between moves as a hand does; A sees the stroke before B lets go.
        var canvas = b.Locator("[data-testid=mask-canvas]");
        var box = (await canvas.BoundingBoxAsync())!;
        await b.Mouse.MoveAsync(box.X + box.Width * 0.2f, box.Y + box.Height * 0.5f);
        await b.Mouse.DownAsync();
        for (var step = 1; step <= 10; step++)
        {
            await b.Mouse.MoveAsync(box.X + box.Width * (0.2f + 0.05f * step), box.Y + box.Height * 0.5f);
            await Task.Delay(40);
        }

        await a.WaitForFunctionAsync($"({RemotePoints})() >= 5", null, new() { Timeout = 30_000 });
        var inked = await a.EvaluateAsync<int>(
            "() => { const c = document.querySelector('[data-testid=mask-canvas]'); const d = c.getContext('2d').getImageData(0, c.height / 2 - 2, c.width, 4).data;"
            + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
        Assert.True(inked > 20, $"A's canvas has {inked} painted pixels along B's unfinished stroke");
        Assert.Equal(0, await a.Locator(".cc-layer-chip").CountAsync()); // nothing committed yet
        await RoomPages.ScreenshotAsync(a, "drawing-in-progress-seen-by-a.png");

        await b.Mouse.UpAsync();
        await Expect(a.Locator(".cc-layer-chip")).ToContainTextAsync("Ben");
        await a.WaitForFunctionAsync($"({RemotePoints})() === 0"); // the commit replaced the preview
        Assert.Equal("0", await a.Locator("[data-testid=mask-canvas]").GetAttributeAsync("data-remote-strokes"));

        // A writes; B puts the caret after "red" ("a red| fox").
        var promptA = a.Locator("[data-testid=prompt-input]");
        var promptB = b.Locator("[data-testid=prompt-input]");
        await promptA.ClickAsync();
        await promptA.PressSequentiallyAsync("a red fox", new() { Delay = 20 });
        await Expect(promptB).ToHaveValueAsync("a red fox");
        await Expect(b.Locator(".cc-presence")).ToContainTextAsync("typing");
        await promptB.ClickAsync();
        await promptB.PressAsync("End");
        for (var left = 0; left < 4; left++)
        {
            await promptB.PressAsync("ArrowLeft");
        }

        var bCaret = a.Locator("[data-testid=prompt-carets] [data-testid=remote-caret]");
        await Expect(bCaret).ToHaveAttributeAsync("data-index", "5");
        await Expect(bCaret).ToContainTextAsync("Ben");
        await Expect(a.Locator("[data-testid=prompt-caret-legend]")).ToContainTextAsync("Ben");

        // A types before B's caret: it stays after "red", now further along.
        await promptA.PressAsync("Home");
        await promptA.PressSequentiallyAsync("big ", new() { Delay = 20 });
        await Expect(promptB).ToHaveValueAsync("big a red fox");
        await Expect(bCaret).ToHaveAttributeAsync("data-index", "9");
        var caretBox = (await bCaret.BoundingBoxAsync())!;
        var textBox = (await promptA.BoundingBoxAsync())!;
        Assert.True(caretBox.X > textBox.X && caretBox.X < textBox.X + textBox.Width / 2, $"B's caret bar is drawn inside A's prompt, near its start (x {caretBox.X} in {textBox.X}..{textBox.X + textBox.Width})");
        await RoomPages.ScreenshotAsync(a, "caret-of-b-seen-by-a.png");

        // B leaves the prompt: the caret goes.
        await b.Locator("[data-testid=negative-input]").ClickAsync();
        await Expect(bCaret).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }
}
