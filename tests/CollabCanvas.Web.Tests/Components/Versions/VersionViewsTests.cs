using Bunit;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Components.Rooms.Versions;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Versions;
using MudBlazor.Services;
using static CollabCanvas.Web.Tests.Versions.VersionSamples;

namespace CollabCanvas.Web.Tests.Components.Versions;

/// <summary>The versions views on data in memory: the tree, one version opened, and two compared.</summary>
public sealed class VersionViewsTests : BunitContext, IAsyncLifetime
{
    public VersionViewsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void The_gallery_shows_each_version_under_its_parent_indented_with_its_contributors_in_their_colours()
    {
        var root = Summary("<i>Root</i>", 0);
        var child = Summary("Child", 5, parent: root.Id);
        var later = Summary("Later root", 9);

        var gallery = Render<VersionGallery>(p => p.Add(x => x.Versions, [child, later, root]).Add(x => x.RoomId, RoomId));

        var cards = gallery.FindAll("[data-testid=version-card]");
        Assert.Equal([later.Id, root.Id, child.Id], cards.Select(card => Guid.Parse(card.GetAttribute("data-version")!)));
        Assert.Equal(["0", "0", "1"], cards.Select(card => card.GetAttribute("data-depth")));
        Assert.Contains("cc-version-child", cards[2].ClassName);
        Assert.Contains("--cc-depth: 1", cards[2].GetAttribute("style"));
        Assert.Equal(root.Id.ToString(), cards[2].GetAttribute("data-parent"));
        Assert.Contains("made from <i>Root</i>", cards[2].QuerySelector("[data-testid=version-parent]")!.TextContent);
        // Titles are text, never markup.
        Assert.Equal("<i>Root</i>", cards[1].QuerySelector("[data-testid=version-title]")!.TextContent.Trim());
        Assert.Empty(gallery.FindAll("[data-testid=version-card] i"));
        var chips = cards[0].QuerySelectorAll(".cc-contributor");
        Assert.Equal(["Ada", "Bo <b>"], chips.Select(chip => chip.TextContent.Trim()));
        Assert.Contains(MemberPalette.ColorOf(1), chips[1].GetAttribute("style"));
        Assert.Equal("Bo <b>: wrote 33% of the prompt, painted 2 mask strokes, saved it", chips[1].GetAttribute("title"));
        Assert.EndsWith($"versions/{root.Id}/thumbnail.png", cards[1].QuerySelector("img")!.GetAttribute("src"));
    }

    [Fact]
    public void The_gallery_reports_open_and_pick_for_the_version_clicked()
    {
        var first = Summary("First", 0);
        var second = Summary("Second", 1);
        var opened = new List<Guid>();
        var picked = new List<Guid>();

        var gallery = Render<VersionGallery>(p => p.Add(x => x.Versions, [first, second]).Add(x => x.RoomId, RoomId)
            .Add(x => x.Picked, [second.Id]).Add(x => x.OnOpen, id => opened.Add(id)).Add(x => x.OnTogglePick, id => picked.Add(id)));

        gallery.FindAll("[data-testid=open-version]")[1].Click();
        gallery.FindAll("[data-testid=pick-version] input")[0].Change(false);

        Assert.Equal([first.Id], opened);
        Assert.Equal([second.Id], picked);
    }

    [Fact]
    public void An_open_version_shows_image_recipe_by_author_credits_downloads_and_history()
    {
        var summary = Summary("Fox", 0);
        var version = Details(summary, negative: "blurry", note: "warm <light>", strokes: 2, edits:
        [
            new VersionEditRecord("Bo <b>", summary.CreatedAt.AddMinutes(3), "Untitled", "Fox", "", "warm <light>"),
        ]);

        var view = RenderView(version, canEdit: false, canRestore: false);

        Assert.EndsWith($"versions/{summary.Id}/image.png", view.Find("[data-testid=version-image]").GetAttribute("src"));
        Assert.EndsWith($"versions/{summary.Id}/image.png", view.Find("[data-testid=download-png]").GetAttribute("href"));
        Assert.Equal($"version-{summary.Id:N}.png", view.Find("[data-testid=download-png]").GetAttribute("download"));
        Assert.EndsWith($"versions/{summary.Id}/recipe.json", view.Find("[data-testid=download-json]").GetAttribute("href"));
        var spans = view.FindAll("[data-testid=version-prompt] .cc-author-span");
        Assert.Equal(["a red ", "fox"], spans.Select(span => span.TextContent));
        Assert.Equal(["Ada", "Bo <b>"], spans.Select(span => span.GetAttribute("title")));
        Assert.Contains(MemberPalette.ColorOf(1), spans[1].GetAttribute("style"));
        Assert.Contains("Bo <b> 33", view.Find("[data-testid=version-prompt] .cc-prompt-legend").TextContent.Replace("\u00a0", " "));
        Assert.Equal("blurry", view.Find("[data-testid=version-negative] .cc-author-span").TextContent);
        var recipe = view.Find("[data-testid=version-recipe]");
        Assert.Equal("tiny-txt2img", recipe.QuerySelector("[data-field=model] dd")!.TextContent.Trim());
        Assert.Equal("sha256:abc", recipe.QuerySelector("[data-field=fingerprint] dd")!.TextContent.Trim());
        Assert.Equal("42", recipe.QuerySelector("[data-field=seed] dd")!.TextContent.Trim());
        Assert.Equal("2 strokes", recipe.QuerySelector("[data-field=mask] dd")!.TextContent.Trim());
        Assert.Equal("1.2 s", recipe.QuerySelector("[data-field=time] dd")!.TextContent.Trim());
        var credits = view.Find("[data-testid=version-credits]");
        Assert.Contains("Saved by Ada", credits.TextContent);
        Assert.Contains("ran by Ada", credits.TextContent);
        Assert.Contains("67%", credits.QuerySelector($"[data-contributor='{Ada}']")!.TextContent);
        Assert.Contains("painted, saved", credits.QuerySelector($"tr[data-contributor='{Bo}']")!.TextContent);
        Assert.Equal("warm <light>", view.Find("[data-testid=version-note]").TextContent.Trim());
        var history = view.Find("[data-testid=version-history]").TextContent;
        Assert.Contains("Bo <b>", history);
        Assert.Contains("2026-11-26 10:03 UTC", history);
        Assert.Contains("“Untitled” → “Fox”", history);
        Assert.Contains("note changed", history);
        Assert.Empty(view.FindAll("[data-testid=version-edit]"));
        Assert.Empty(view.FindAll("[data-testid=restore-version]"));
    }

    [Fact]
    public async Task Edit_and_restore_show_only_when_allowed_and_report_what_the_service_says()
    {
        var version = Details(Summary("Fox", 0));
        var sent = new List<(string Title, string Note)>();
        var view = RenderView(version, canEdit: true, canRestore: true,
            onSaveEdit: (title, note) =>
            {
                sent.Add((title, note));
                return Task.FromResult(RoomResult<VersionDetails>.Fail(RoomErrorKind.Invalid, "Title must be at most 120 characters.", "Title"));
            },
            onRestore: () => Task.FromResult(RoomResult<VersionDetails>.Fail(RoomErrorKind.Forbidden, "Only a Editor or above may do this; you are a Viewer.")));

        view.Find("[data-testid=edit-title] input, input[data-testid=edit-title]").Change("New title");
        view.Find("[data-testid=edit-note] textarea, textarea[data-testid=edit-note]").Change("a note");
        await view.Find("[data-testid=save-edit]").ClickAsync(new());
        await view.Find("[data-testid=restore-version]").ClickAsync(new());

        Assert.Equal([("New title", "a note")], sent);
        Assert.Contains("Title must be at most 120 characters.", view.Find("[data-testid=version-edit] [role=alert]").TextContent);
        Assert.Contains("you are a Viewer", view.Find("[data-testid=restore-message]").TextContent);
        Assert.Equal("New title", view.Find("[data-testid=edit-title] input, input[data-testid=edit-title]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_successful_restore_is_confirmed()
    {
        var version = Details(Summary("Fox", 0));
        var restores = 0;
        var view = RenderView(version, canEdit: false, canRestore: true, onRestore: () =>
        {
            restores++;
            return Task.FromResult(RoomResult<VersionDetails>.Ok(version));
        });

        await view.Find("[data-testid=restore-version]").ClickAsync(new());

        Assert.Equal(1, restores);
        Assert.Contains("Restored", view.Find("[data-testid=restore-message]").TextContent);
        Assert.Equal("status", view.Find("[data-testid=restore-message]").GetAttribute("role"));
    }

    [Fact]
    public void The_comparison_marks_changed_fields_and_words_on_each_side()
    {
        var before = Details(Summary("Before", 0), prompt: Prompt("a red ", "fox"), seed: 42);
        var after = Details(Summary("After", 5), prompt: Prompt("a red ", "cat at dawn"), seed: 7);

        var view = Render<VersionCompareView>(p => p.Add(x => x.Comparison, VersionComparison.Of(before, after)).Add(x => x.RoomId, RoomId));

        var rows = view.FindAll(".cc-compare-fields tbody tr");
        Assert.Equal(["seed"], rows.Where(row => row.GetAttribute("data-changed") == "true").Select(row => row.GetAttribute("data-field")));
        var seed = view.Find("tr[data-field=seed]");
        Assert.Contains("cc-diff-changed", seed.ClassName);
        Assert.Equal(["Seed · changed", "42", "7"], seed.QuerySelectorAll("td").Select(cell => string.Join(" ", cell.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.DoesNotContain("cc-diff-changed", view.Find("tr[data-field=steps]").ClassName ?? "");
        var left = view.Find("[data-side=Before] [data-testid=compare-prompt]");
        var right = view.Find("[data-side=After] [data-testid=compare-prompt]");
        Assert.Equal(["fox"], left.QuerySelectorAll("del").Select(node => node.TextContent));
        Assert.Empty(left.QuerySelectorAll("ins"));
        Assert.Equal(["cat at dawn"], right.QuerySelectorAll("ins").Select(node => node.TextContent));
        Assert.Equal("a red fox", left.QuerySelector(".cc-diff-text")!.TextContent);
        Assert.Equal("a red cat at dawn", right.QuerySelector(".cc-diff-text")!.TextContent);
        Assert.Contains("cc-diff-changed", left.ClassName);
        Assert.DoesNotContain("cc-diff-changed", view.Find("[data-side=Before] [data-testid=compare-negative]").ClassName);
        Assert.Equal("Differs in: prompt, seed.", view.Find("[data-testid=compare-summary]").TextContent);
        Assert.EndsWith($"versions/{after.Summary.Id}/image.png", view.Find("[data-side=After] img").GetAttribute("src"));
    }

    private IRenderedComponent<VersionView> RenderView(
        VersionDetails version, bool canEdit, bool canRestore,
        Func<string, string, Task<RoomResult<VersionDetails>>>? onSaveEdit = null,
        Func<Task<RoomResult<VersionDetails>>>? onRestore = null) =>
        Render<VersionView>(p => p
            .Add(x => x.Version, version).Add(x => x.RoomId, RoomId).Add(x => x.CanEdit, canEdit).Add(x => x.CanRestore, canRestore)
            .Add(x => x.OnSaveEdit, onSaveEdit ?? ((_, _) => Task.FromResult(RoomResult<VersionDetails>.Ok(version))))
            .Add(x => x.OnRestore, onRestore ?? (() => Task.FromResult(RoomResult<VersionDetails>.Ok(version)))));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
