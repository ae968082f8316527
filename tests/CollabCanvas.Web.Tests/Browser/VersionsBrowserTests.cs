using CollabCanvas.Data.Provenance;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>
/// Two people write one prompt, one generates, the other saves: both see the version with both of them credited;
/// after the prompt changes, restoring the version brings its recipe back for both; its PNG downloads with the
/// recipe in a <c>parameters</c> chunk.
/// </summary>
public sealed class VersionsBrowserTests(BrowserAppFactory app, ITestOutputHelper output) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task A_co_written_version_is_saved_credited_restored_for_both_and_downloads_with_its_recipe()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        var alice = await RoomPages.NewPersonAsync(browser, app, output);
        await RoomPages.RegisterAsync(alice, "Alice");
        var (_, code) = await RoomPages.CreateRoomAsync(alice, "Versions studio");
        var bob = await RoomPages.NewPersonAsync(browser, app, output);
        await RoomPages.JoinAsGuestAsync(bob, code, "Bob");
        await Expect(alice.Locator(".cc-presence")).ToContainTextAsync("Bob");

        // Alice writes the start, Bob the end: one prompt, two authors.
        await TypeAtEndAsync(alice, "a red ");
        await Expect(bob.Locator("[data-testid=prompt-authors]")).ToHaveTextAsync("a red ");
        await TypeAtEndAsync(bob, "fox");
        foreach (var page in new[] { alice, bob })
        {
            await Expect(page.Locator("[data-testid=prompt-authors]")).ToHaveTextAsync("a red fox");
        }

        await alice.Locator("[data-testid=generate]").ClickAsync();
        await Expect(bob.Locator("[data-testid=progress]")).ToContainTextAsync("Done", new() { Timeout = 60_000 });

        // Bob saves; his gallery shows it at once, Alice's after a refresh, both crediting both.
        await bob.Locator("[data-testid=save-version] input").FillAsync("Fox <at> dawn");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Save version" }).ClickAsync();
        await Expect(bob.Locator("[data-testid=version-card]")).ToHaveCountAsync(1);
        await alice.GetByRole(AriaRole.Button, new() { Name = "Refresh versions" }).ClickAsync();
        foreach (var page in new[] { bob, alice })
        {
            var card = page.Locator("[data-testid=version-card]");
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card.Locator("[data-testid=version-title]")).ToHaveTextAsync("Fox <at> dawn");
            await Expect(card.Locator(".cc-contributor")).ToHaveTextAsync(["Alice", "Bob"], new() { UseInnerText = true });
        }

        await RoomPages.ScreenshotAsync(bob, "versions-gallery.png");

        // The prompt moves on; Bob restores the version and both rooms' prompts are the saved recipe again.
        await TypeAtEndAsync(alice, " in snow");
        await Expect(bob.Locator("[data-testid=prompt-authors]")).ToHaveTextAsync("a red fox in snow");
        await bob.Locator("[data-testid=open-version]").ClickAsync();
        await Expect(bob.Locator("[data-testid=version-view]")).ToBeVisibleAsync();
        await bob.Locator("[data-testid=restore-version]").ClickAsync();
        await Expect(bob.Locator("[data-testid=restore-message]")).ToContainTextAsync("Restored");
        foreach (var page in new[] { alice, bob })
        {
            await Expect(page.Locator("[data-testid=prompt-input]")).ToHaveValueAsync("a red fox");
            await Expect(page.Locator("[data-testid=prompt-authors]")).ToHaveTextAsync("a red fox");
            await Expect(page.Locator(".cc-prompt-legend").First).ToContainTextAsync("Alice");
            await Expect(page.Locator(".cc-prompt-legend").First).ToContainTextAsync("Bob");
        }

        await RoomPages.ScreenshotAsync(bob, "versions-restored.png");

        // The PNG from the open version carries the recipe for A1111's PNG Info.
        await alice.Locator("[data-testid=open-version]").ClickAsync();
        var download = await alice.RunAndWaitForDownloadAsync(() => alice.Locator("[data-testid=download-png]").ClickAsync());
        var path = Path.Combine(RepositoryPaths.TestOutput, "versions-download.png");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.NotNull(PngProvenanceReader.Read(bytes).Parameters);
        var recipe = PngProvenanceReader.ReadRecipe(bytes);
        Assert.Equal("a red fox", recipe.Prompt);
        Assert.Equal(["Alice", "Bob"], recipe.Contributors.Select(contributor => contributor.Name).Order());
        output.WriteLine($"downloaded {download.SuggestedFilename}: {bytes.Length} bytes, seed {recipe.Seed}");
        await RoomPages.ScreenshotAsync(alice, "versions-open.png");
    }

    /// <summary>Types at the end of the shared prompt, as a person who clicked into it and pressed End.</summary>
    private static async Task TypeAtEndAsync(IPage page, string text)
    {
        var prompt = page.Locator("[data-testid=prompt-input]");
        await prompt.ClickAsync();
        await prompt.PressAsync("Control+End");
        await prompt.PressSequentiallyAsync(text, new() { Delay = 15 });
    }
}
