using System.Globalization;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Web.Rooms;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabCanvas.Web.Components.Rooms.Live;

/// <summary>
/// The shared mask over the room's image. Drawing happens in the browser (wwwroot/js/mask-canvas.js) so a
/// stroke shows at once for its painter; the room confirms it and everyone else sees it through
/// <see cref="AddedAsync"/>. Hiding a layer is a local view setting.
/// </summary>
public sealed partial class MaskCanvas : IAsyncDisposable
{
    private readonly HashSet<Guid> hidden = [];
    private ElementReference canvas;
    private AttachedScript? painter;
    private DotNetObjectReference<MaskCanvas>? self;
    private MaskTool tool = MaskTool.Brush;
    private int size = 8;
    private string lookKey = "";

    /// <summary>The strokes as the room confirmed them.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<MaskStroke> Strokes { get; set; } = [];

    /// <summary>Canvas size in image pixels.</summary>
    [Parameter, EditorRequired] public int Width { get; set; }

    /// <summary>Canvas size in image pixels.</summary>
    [Parameter, EditorRequired] public int Height { get; set; }

    /// <summary>The image under the mask (a data URL), or null.</summary>
    [Parameter] public string? ImageUrl { get; set; }

    /// <summary>Alternative text of the image.</summary>
    [Parameter] public string ImageAlt { get; set; } = "";

    /// <summary>A test id for the image (preview or result).</summary>
    [Parameter] public string ImageTestId { get; set; } = "result";

    /// <summary>Shown when there is no image.</summary>
    [Parameter] public string EmptyText { get; set; } = "";

    /// <summary>Names and colours.</summary>
    [Parameter, EditorRequired] public IReadOnlyDictionary<Guid, PresentMember> Roster { get; set; } = new Dictionary<Guid, PresentMember>();

    /// <summary>Others' pointers, in image pixels.</summary>
    [Parameter] public IReadOnlyDictionary<Guid, (float X, float Y)> Pointers { get; set; } = new Dictionary<Guid, (float X, float Y)>();

    /// <summary>The viewer.</summary>
    [Parameter, EditorRequired] public Guid MemberId { get; set; }

    /// <summary>Whether the viewer may paint (Editors); the room checks again.</summary>
    [Parameter] public bool CanPaint { get; set; }

    /// <summary>Whether the viewer may clear everyone's strokes (Facilitators).</summary>
    [Parameter] public bool CanClear { get; set; }

    /// <summary>Sends a finished stroke to the room.</summary>
    [Parameter, EditorRequired] public Func<MaskStroke, Task<RoomResult<MaskStroke>>> OnStroke { get; set; } = default!;

    /// <summary>Sends the points appended to the stroke being drawn (~30 times a second); false stops that stroke's preview.</summary>
    [Parameter] public Func<StrokeProgress, Task<bool>>? OnStrokeProgress { get; set; }

    /// <summary>Undo pressed.</summary>
    [Parameter] public EventCallback OnUndo { get; set; }

    /// <summary>Clear pressed.</summary>
    [Parameter] public EventCallback OnClear { get; set; }

    /// <summary>The pointer moved over the canvas (image pixels).</summary>
    [Parameter] public Func<float, float, Task>? OnPointer { get; set; }

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private bool HasOwnStroke => Strokes.Any(stroke => stroke.Author == MemberId);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            self = DotNetObjectReference.Create(this);
            painter = await AttachedScript.AttachAsync(JS, "./js/mask-canvas.js", canvas, self,
                new { width = Width, height = Height, me = MemberId.ToString(), canPaint = CanPaint, size, colors = Colors() });
            await ResetAsync();
            return;
        }

        // Colours change when people arrive; repaint only when they or the hidden layers did.
        var key = string.Join(",", Colors().Select(pair => pair.Key + pair.Value)) + "|" + string.Join(",", hidden);
        if (painter is not null && key != lookKey)
        {
            lookKey = key;
            await painter.InvokeVoidAsync("setLook", Colors(), hidden.Select(id => id.ToString()));
        }
    }

    /// <summary>Redraws every stroke (first load, a resync, a cleared or resized canvas).</summary>
    public async Task ResetAsync()
    {
        if (painter is not null)
        {
            await painter.InvokeVoidAsync("reset", Strokes, Width, Height);
        }
    }

    /// <summary>A stroke the room confirmed (anyone's, this person's too).</summary>
    public async Task AddedAsync(MaskStroke stroke)
    {
        if (painter is not null)
        {
            await painter.InvokeVoidAsync("added", stroke);
        }
    }

    /// <summary>A stroke was undone.</summary>
    public async Task RemovedAsync(Guid strokeId)
    {
        if (painter is not null)
        {
            await painter.InvokeVoidAsync("removed", strokeId);
        }
    }

    /// <summary>Points someone appended to a stroke they are drawing (drawn in their colour until its commit replaces it).</summary>
    public async Task ProgressAsync(StrokeInProgress progress)
    {
        if (painter is not null)
        {
            await painter.InvokeVoidAsync("progress", progress.Author, progress.Progress);
        }
    }

    /// <summary>A stroke in progress that will not be committed.</summary>
    public async Task AbandonedAsync(Guid strokeId)
    {
        if (painter is not null)
        {
            await painter.InvokeVoidAsync("abandoned", strokeId);
        }
    }

    [JSInvokable]
    public Task<bool> ExtendStroke(StrokeProgress progress) => OnStrokeProgress?.Invoke(progress) ?? Task.FromResult(false);

    [JSInvokable]
    public async Task<bool> SendStroke(MaskStroke stroke) => (await OnStroke(stroke)).Succeeded;

    [JSInvokable]
    public Task MovePointer(float x, float y) => OnPointer?.Invoke(x, y) ?? Task.CompletedTask;

    private async Task SetToolAsync(MaskTool newTool)
    {
        tool = newTool;
        await ApplyToolAsync();
    }

    private async Task SetSizeAsync(int newSize)
    {
        size = newSize;
        await ApplyToolAsync();
    }

    private async Task ApplyToolAsync()
    {
        if (painter is not null)
        {
            await painter.InvokeVoidAsync("setTool", (int)tool, size, CanPaint);
        }
    }

    private Task ToggleLayerAsync(Guid author)
    {
        if (!hidden.Remove(author))
        {
            hidden.Add(author);
        }

        return Task.CompletedTask;
    }

    private Dictionary<string, string> Colors() =>
        Roster.ToDictionary(pair => pair.Key.ToString(), pair => MemberPalette.ColorOf(pair.Value.ColorIndex));

    private static string Percent(float value, int total) =>
        (100.0 * value / Math.Max(1, total)).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public async ValueTask DisposeAsync()
    {
        if (painter is not null)
        {
            await painter.DisposeAsync();
        }

        self?.Dispose();
    }
}
