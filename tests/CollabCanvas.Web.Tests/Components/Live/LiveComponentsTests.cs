using Bunit;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Components.Rooms.Live;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Rooms;
using MudBlazor.Services;

namespace CollabCanvas.Web.Tests.Components.Live;

/// <summary>The live room's small views: prompt editor, presence, and the generation panel.</summary>
public sealed class LiveComponentsTests : BunitContext, IAsyncLifetime
{
    private static readonly Guid Ada = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Bo = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    public LiveComponentsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private static readonly Dictionary<Guid, PresentMember> Roster = new()
    {
        [Ada] = new PresentMember(Ada, "Ada", RoomRole.Facilitator, false, 0, 1, false),
        [Bo] = new PresentMember(Bo, "Bo <b>", RoomRole.Editor, true, 1, 1, true),
    };

    [Fact]
    public void The_prompt_editor_colours_each_authors_text_and_credits_their_share()
    {
        var text = AuthoredText.Empty.Apply(TextOperation.Insert(0, 0, "a fox"), Ada).Apply(TextOperation.Insert(5, 5, " in snow"), Bo);

        var editor = Render<PromptEditor>(p => p
            .Add(x => x.Field, PromptField.Prompt).Add(x => x.Label, "Prompt").Add(x => x.Text, text)
            .Add(x => x.Roster, Roster).Add(x => x.MemberId, Ada).Add(x => x.CanEdit, true)
            .Add(x => x.OnEdit, (_, _) => Task.FromResult(RoomResult<PromptApplied>.Fail(RoomErrorKind.Invalid, "unused"))));

        var spans = editor.FindAll(".cc-author-span");
        Assert.Equal(["a fox", " in snow"], spans.Select(s => s.TextContent));
        Assert.Equal(["Ada", "Bo <b>"], spans.Select(s => s.GetAttribute("title")));
        Assert.Contains(MemberPalette.ColorOf(1), spans[1].GetAttribute("style"));
        var legend = editor.Find(".cc-prompt-legend").TextContent;
        Assert.Contains("Ada 38", legend.Replace("\u00a0", " "));
        Assert.Contains("Bo <b> 62", legend.Replace("\u00a0", " "));
        Assert.DoesNotContain("<b>", editor.Find(".cc-prompt-legend").InnerHtml.Replace("&lt;b&gt;", ""));
        Assert.False(editor.Find("textarea").HasAttribute("readonly"));
    }

    [Fact]
    public void The_prompt_editor_is_read_only_for_viewers()
    {
        var editor = Render<PromptEditor>(p => p
            .Add(x => x.Field, PromptField.NegativePrompt).Add(x => x.Label, "Negative prompt").Add(x => x.Text, AuthoredText.Empty)
            .Add(x => x.Roster, Roster).Add(x => x.MemberId, Bo).Add(x => x.CanEdit, false)
            .Add(x => x.OnEdit, (_, _) => Task.FromResult(RoomResult<PromptApplied>.Fail(RoomErrorKind.Invalid, "unused"))));

        var textarea = editor.Find("[data-testid=negative-input]");
        Assert.True(textarea.HasAttribute("readonly"));
        Assert.Equal("Only Editors can type here.", textarea.GetAttribute("placeholder"));
    }

    [Fact]
    public void The_prompt_editor_hands_others_carets_to_the_browser_and_names_who_is_in_it()
    {
        var text = AuthoredText.Empty.Apply(TextOperation.Insert(0, 0, "a fox"), Ada);
        var carets = new Dictionary<Guid, TextSelection> { [Ada] = TextSelection.Caret(1), [Bo] = new TextSelection(2, 5) };
        var module = JSInterop.SetupModule("./js/prompt-editor.js");
        var attached = module.SetupModule("attach", _ => true);

        var editor = Render<PromptEditor>(p => p
            .Add(x => x.Field, PromptField.Prompt).Add(x => x.Label, "Prompt").Add(x => x.Text, text).Add(x => x.Revision, 7)
            .Add(x => x.Roster, Roster).Add(x => x.MemberId, Ada).Add(x => x.CanEdit, true).Add(x => x.Carets, carets)
            .Add(x => x.OnEdit, (_, _) => Task.FromResult(RoomResult<PromptApplied>.Fail(RoomErrorKind.Invalid, "unused"))));

        var shown = attached.VerifyInvoke("showCarets");
        Assert.Equal(7L, shown.Arguments[0]);
        var json = System.Text.Json.JsonSerializer.Serialize(shown.Arguments[1]);
        Assert.Contains("\"name\":\"Bo \\u003Cb\\u003E\"", json); // Bo's selection, with his name and colour
        Assert.Contains("\"anchor\":2,\"head\":5", json);
        Assert.DoesNotContain(Ada.ToString(), json); // the viewer's own caret is theirs to see, not a remote one
        Assert.Contains("Bo <b> is here", editor.Find("[data-testid=prompt-caret-legend]").TextContent);
        Assert.Single(editor.FindAll("[data-testid=prompt-carets]"));
    }

    [Fact]
    public async Task The_prompt_editor_passes_the_browsers_caret_to_the_room_and_clears_it_on_leaving()
    {
        var moves = new List<(PromptField Field, long Revision, TextSelection? Selection)>();
        var editor = Render<PromptEditor>(p => p
            .Add(x => x.Field, PromptField.NegativePrompt).Add(x => x.Label, "Negative").Add(x => x.Text, AuthoredText.Empty)
            .Add(x => x.Roster, Roster).Add(x => x.MemberId, Ada).Add(x => x.CanEdit, true)
            .Add(x => x.OnCaret, (field, revision, selection) => { moves.Add((field, revision, selection)); return Task.CompletedTask; })
            .Add(x => x.OnEdit, (_, _) => Task.FromResult(RoomResult<PromptApplied>.Fail(RoomErrorKind.Invalid, "unused"))));

        await editor.InvokeAsync(() => editor.Instance.MoveCaret(3, 4, 1));
        await editor.InvokeAsync(() => editor.Instance.LeaveCaret(3));

        Assert.Equal(new (PromptField, long, TextSelection?)[] { (PromptField.NegativePrompt, 3L, new TextSelection(4, 1)), (PromptField.NegativePrompt, 3L, null) }, moves);
        Assert.Empty(editor.FindAll("[data-testid=negative-caret-legend]"));
    }

    [Fact]
    public async Task The_mask_canvas_streams_a_stroke_being_drawn_and_draws_others_in_progress()
    {
        var sent = new List<CollabCanvas.Rooms.Mask.StrokeProgress>();
        var module = JSInterop.SetupModule("./js/mask-canvas.js");
        var attached = module.SetupModule("attach", _ => true);
        var canvas = Render<MaskCanvas>(p => p
            .Add(x => x.Strokes, []).Add(x => x.Width, 64).Add(x => x.Height, 64).Add(x => x.Roster, Roster).Add(x => x.MemberId, Ada)
            .Add(x => x.CanPaint, true)
            .Add(x => x.OnStroke, stroke => Task.FromResult(RoomResult<CollabCanvas.Rooms.Mask.MaskStroke>.Ok(stroke)))
            .Add(x => x.OnStrokeProgress, progress => { sent.Add(progress); return Task.FromResult(true); }));
        var batch = new CollabCanvas.Rooms.Mask.StrokeProgress(Guid.NewGuid(), CollabCanvas.Rooms.Mask.MaskTool.Eraser, 6, 3, [new(1, 2)]);

        Assert.True(await canvas.InvokeAsync(() => canvas.Instance.ExtendStroke(batch)));
        await canvas.InvokeAsync(() => canvas.Instance.ProgressAsync(new StrokeInProgress(4, Bo, batch)));
        await canvas.InvokeAsync(() => canvas.Instance.AbandonedAsync(batch.StrokeId));

        Assert.Equal([batch], sent);
        var progress = attached.VerifyInvoke("progress");
        Assert.Equal(new object?[] { Bo, batch }, progress.Arguments);
        Assert.Equal(batch.StrokeId, attached.VerifyInvoke("abandoned").Arguments[0]);
    }

    [Fact]
    public void Presence_lists_everyone_with_role_guest_mark_typing_and_you()
    {
        var bar = Render<PresenceBar>(p => p.Add(x => x.Present, Roster.Values.ToList()).Add(x => x.MyMemberId, Bo).Add(x => x.Notice, "Bo <b> joined"));

        var members = bar.FindAll(".cc-presence-member");
        Assert.Equal(2, members.Count);
        Assert.Contains("Facilitator", members[0].TextContent);
        Assert.DoesNotContain("(you)", members[0].TextContent);
        Assert.Contains("Editor · guest", members[1].TextContent);
        Assert.Contains("(you)", members[1].TextContent);
        Assert.Contains("typing", members[1].TextContent);
        Assert.Equal("Bo <b> joined", bar.Find("[role=status]").TextContent);
    }

    [Fact]
    public void The_panel_shows_step_progress_with_an_estimate_and_only_allowed_controls()
    {
        var running = new GenerationStatus(Guid.NewGuid(), Bo, "Bo", GenerationState.Running, 5, 20, TimeSpan.FromSeconds(1), 0, 3, null);
        var state = StateWith(running);

        var asViewer = Render<GenerationPanel>(p => p.Add(x => x.State, state).Add(x => x.Caller, new RoomCaller(Guid.NewGuid(), "Vi", RoomRole.Viewer, true)));
        var asRequester = Render<GenerationPanel>(p => p.Add(x => x.State, state).Add(x => x.Caller, new RoomCaller(Bo, "Bo", RoomRole.Editor, true)));
        var asFacilitator = Render<GenerationPanel>(p => p.Add(x => x.State, state).Add(x => x.Caller, new RoomCaller(Ada, "Ada", RoomRole.Facilitator, false)));

        Assert.Contains("Step 5 of 20", asViewer.Find("[data-testid=progress]").TextContent);
        Assert.Contains("3.0 s left", asViewer.Find("[data-testid=progress]").TextContent);
        Assert.Empty(asViewer.FindAll("[data-testid=generate]"));
        Assert.Empty(asViewer.FindAll("[data-testid=cancel]"));
        Assert.NotEmpty(asRequester.FindAll("[data-testid=cancel]"));
        Assert.NotEmpty(asFacilitator.FindAll("[data-testid=cancel]"));
        Assert.True(asRequester.Find("[data-testid=generate]").HasAttribute("disabled"), "one job at a time");
    }

    [Fact]
    public void The_panel_explains_a_failure_and_a_queue_position()
    {
        var failed = StateWith(new GenerationStatus(Guid.NewGuid(), Bo, "Bo", GenerationState.Failed, 0, 20, TimeSpan.Zero, 0, null, "No model is installed."));
        var queued = StateWith(new GenerationStatus(Guid.NewGuid(), Bo, "Bo", GenerationState.Queued, 0, 20, TimeSpan.Zero, 2, null, null));
        var caller = new RoomCaller(Ada, "Ada", RoomRole.Facilitator, false);

        Assert.Contains("No model is installed.", Render<GenerationPanel>(p => p.Add(x => x.State, failed).Add(x => x.Caller, caller)).Markup);
        Assert.Contains("Queued, position 2", Render<GenerationPanel>(p => p.Add(x => x.State, queued).Add(x => x.Caller, caller)).Find("[data-testid=progress]").TextContent);
    }

    private static LiveRoomState StateWith(GenerationStatus status) =>
        new(new RoomSnapshot(1, Roster.Values.ToList(), RoomParameters.Default, new Dictionary<string, string>(), status, null, false,
            PromptSnapshot.Empty, PromptSnapshot.Empty, [], 64, 64));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
