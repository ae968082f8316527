using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Rooms;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabCanvas.Web.Components.Rooms.Live;

/// <summary>
/// A co-edited prompt. Keystrokes go from the browser's OT client to <see cref="OnEdit"/>; edits the room applied
/// come back through <see cref="ReceiveAsync"/> in revision order. The coloured view shows the confirmed text.
/// </summary>
public sealed partial class PromptEditor : IAsyncDisposable
{
    private readonly List<PromptApplied> _early = [];
    private ElementReference textarea;
    private AttachedScript? editor;
    private DotNetObjectReference<PromptEditor>? self;
    private long attachedRevision;
    private string shownCarets = "";

    /// <summary>Which text this edits.</summary>
    [Parameter, EditorRequired] public PromptField Field { get; set; }

    /// <summary>The visible label.</summary>
    [Parameter, EditorRequired] public string Label { get; set; } = "";

    /// <summary>The text as the room confirmed it (coloured view).</summary>
    [Parameter, EditorRequired] public AuthoredText Text { get; set; } = AuthoredText.Empty;

    /// <summary>The revision of <see cref="Text"/>; the browser client starts from it.</summary>
    [Parameter] public long Revision { get; set; }

    /// <summary>Names and colours of authors.</summary>
    [Parameter, EditorRequired] public IReadOnlyDictionary<Guid, PresentMember> Roster { get; set; } = new Dictionary<Guid, PresentMember>();

    /// <summary>The person typing here.</summary>
    [Parameter, EditorRequired] public Guid MemberId { get; set; }

    /// <summary>Whether this person may type (the server checks again).</summary>
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Rows of the textarea.</summary>
    [Parameter] public int Rows { get; set; } = 3;

    /// <summary>Hint when empty.</summary>
    [Parameter] public string Placeholder { get; set; } = "";

    /// <summary>Sends an edit to the room.</summary>
    [Parameter, EditorRequired] public Func<PromptField, PromptEdit, Task<RoomResult<PromptApplied>>> OnEdit { get; set; } = default!;

    /// <summary>Others' carets and selections (by member) in <see cref="Text"/> at <see cref="Revision"/>.</summary>
    [Parameter] public IReadOnlyDictionary<Guid, TextSelection> Carets { get; set; } = new Dictionary<Guid, TextSelection>();

    /// <summary>This person moved their caret (prompt revision, selection), or left the editor (null): at most ~10 a second.</summary>
    [Parameter] public Func<PromptField, long, TextSelection?, Task>? OnCaret { get; set; }

    /// <summary>The person typed (for the "typing…" marker).</summary>
    [Parameter] public EventCallback OnTyping { get; set; }

    /// <summary>The room refused an edit or the client lost track: the caller should pass a fresh snapshot to <see cref="ResyncAsync"/>.</summary>
    [Parameter] public EventCallback<string?> OnNeedsResync { get; set; }

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private string FieldName => Field == PromptField.Prompt ? "prompt" : "negative";

    private string InputId => $"cc-{FieldName}";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            await ShowCaretsAsync();
            return;
        }

        self = DotNetObjectReference.Create(this);
        attachedRevision = Revision;
        editor = await AttachedScript.AttachAsync(JS, "./js/prompt-editor.js", textarea, self, new { revision = Revision, text = Text.Text, author = MemberId.ToString() });
        foreach (var applied in _early.Where(applied => applied.Revision > attachedRevision))
        {
            await editor.InvokeVoidAsync("receive", applied);
        }

        _early.Clear();
        await ShowCaretsAsync();
    }

    /// <summary>Hands others' carets to the browser when they changed; it maps them through what this person typed since.</summary>
    private async Task ShowCaretsAsync()
    {
        var carets = OtherCarets().Select(pair =>
        {
            var author = AuthorOf(pair.Key);
            return new { member = pair.Key.ToString(), name = author.Name, color = author.Color, anchor = pair.Value.Anchor, head = pair.Value.Head };
        }).ToList();
        // With carets, a new revision means new positions to map; with none, one empty list is enough.
        var key = carets.Count == 0 ? "" : Revision + ":" + string.Join(";", carets.Select(c => $"{c.member},{c.anchor},{c.head},{c.color}"));
        if (editor is null || key == shownCarets)
        {
            return;
        }

        shownCarets = key;
        await editor.InvokeVoidAsync("showCarets", Revision, carets);
    }

    private IEnumerable<KeyValuePair<Guid, TextSelection>> OtherCarets() => Carets.Where(pair => pair.Key != MemberId).OrderBy(pair => pair.Key);

    /// <summary>An edit the room applied (anyone's, this person's too).</summary>
    public async Task ReceiveAsync(PromptApplied applied)
    {
        if (editor is null)
        {
            _early.Add(applied);
            return;
        }

        await editor.InvokeVoidAsync("receive", applied);
    }

    /// <summary>Starts the browser client over from the room's text.</summary>
    public async Task ResyncAsync(PromptSnapshot snapshot)
    {
        if (editor is not null)
        {
            await editor.InvokeVoidAsync("resync", new { revision = snapshot.Revision, text = snapshot.Text });
        }
    }

    [JSInvokable]
    public async Task SendEdit(Guid editId, long baseRevision, EditStep[] steps)
    {
        var result = await OnEdit(Field, new PromptEdit(editId, baseRevision, new TextOperation(steps)));
        if (!result.Succeeded)
        {
            await OnNeedsResync.InvokeAsync(result.Error!.Message);
        }
    }

    [JSInvokable]
    public Task MoveCaret(long revision, int anchor, int head) =>
        OnCaret?.Invoke(Field, revision, new TextSelection(anchor, head)) ?? Task.CompletedTask;

    [JSInvokable]
    public Task LeaveCaret(long revision) => OnCaret?.Invoke(Field, revision, null) ?? Task.CompletedTask;

    [JSInvokable]
    public Task Typing() => OnTyping.InvokeAsync();

    [JSInvokable]
    public Task RequestResync() => OnNeedsResync.InvokeAsync(null);

    private (string Name, string Color) AuthorOf(Guid author) =>
        Roster.TryGetValue(author, out var member)
            ? (member.DisplayName, MemberPalette.ColorOf(member.ColorIndex))
            : ("someone who left", "#999999");

    public async ValueTask DisposeAsync()
    {
        if (editor is not null)
        {
            await editor.DisposeAsync();
        }

        self?.Dispose();
    }
}
