using CollabCanvas.Data.Images;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Components.Rooms.Live;

/// <summary>
/// Connects this circuit to the room (presence), follows its events and sends this person's commands.
/// Connects only once interactive, so the prerendered page does not flash a join/leave.
/// </summary>
public sealed partial class LiveRoomView : IAsyncDisposable
{
    private LiveRoomState? state;
    private RoomCaller? caller;

    // The presence connection this view opened; closed on dispose (caller above follows role changes).
    private LiveConnection? connection;

    private string? error;
    private string? commandError;
    private string? accessNotice;
    private IAsyncDisposable? watch;
    private RoomActor actor = RoomActor.Anonymous;
    private PromptEditor? promptEditor;
    private PromptEditor? negativeEditor;
    private MaskCanvas? maskCanvas;
    private CancellationTokenSource? typingQuiet;

    /// <summary>How long to wait for an event that was overtaken before reloading the room.</summary>
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(2);

    /// <summary>After this long without a keystroke, the person is no longer shown as typing.</summary>
    private static readonly TimeSpan TypingQuietTime = TimeSpan.FromSeconds(2);

    /// <summary>The room to show.</summary>
    [Parameter, EditorRequired] public Guid RoomId { get; set; }

    /// <summary>
    /// A Facilitator changed this person's role or removed them (the message says which, for them): the page
    /// reloads what it shows around the live view.
    /// </summary>
    [Parameter] public EventCallback<string> OnAccessChanged { get; set; }

    /// <summary>Called when the room says its saved versions changed (the page's gallery reloads).</summary>
    [Parameter] public EventCallback<VersionsChanged> OnVersionsChanged { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private LiveRoomService Live { get; set; } = default!;

    [Inject] private ModelChoices Choices { get; set; } = default!;

    [Inject] private InitImageService InitImages { get; set; } = default!;

    [Inject] private IOptions<ImageUploadOptions> UploadLimits { get; set; } = default!;

    /// <summary>
    /// The room's init image as the browser loads it (members only, checked by the endpoint); the hash in the query
    /// makes a new image a new URL, so no browser shows a cached old one.
    /// </summary>
    private string? InitImageUrl => state?.Parameters.InitImageHash is { } hash ? $"/api/rooms/{RoomId}/init-image?v={hash[..16]}" : null;

    /// <summary>Under the mask: the forming image while a job runs, else the init image the mask applies to, else the last result.</summary>
    private string? CanvasImageUrl => state is null ? null : state.ShowingPreview ? state.PreviewUrl : InitImageUrl ?? state.ResultUrl;

    private bool CanEditPrompt => caller is not null && RoomPolicy.Allows(caller.Role, RoomAction.EditPrompt);

    private bool CanPaint => caller is not null && RoomPolicy.Allows(caller.Role, RoomAction.PaintMask);

    private bool CanClearMask => caller is not null && RoomPolicy.Allows(caller.Role, RoomAction.ClearMask);

    private bool CanEditParameters => caller is not null && RoomPolicy.Allows(caller.Role, RoomAction.EditParameters);

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        actor = AuthenticationState is null ? RoomActor.Anonymous : (await AuthenticationState).User.ToRoomActor();
        watch = await Live.WatchAsync(RoomId, OnRoomEventAsync);
        var connected = await Live.ConnectAsync(actor, RoomId);
        if (!connected.Succeeded)
        {
            error = connected.Error!.Message;
            return;
        }

        (connection, var snapshot) = connected.Value;
        caller = connection.Caller;
        state = new LiveRoomState(snapshot);
    }

    private Task OnRoomEventAsync(LocalRoomEvent roomEvent) => InvokeAsync(async () =>
    {
        if (roomEvent.Event is VersionsChanged versionsChanged)
        {
            // Transient, so not for the revision-ordered state (which would drop it as already seen): pass it on now.
            await OnVersionsChanged.InvokeAsync(versionsChanged);
            return;
        }

        if (state is null)
        {
            return;
        }

        if (roomEvent.Event is TransientRoomEvent passing)
        {
            // Drawn by the browser alone (~30 a second per painter): no re-render of the room for them.
            await ForwardAsync(passing);
            return;
        }

        foreach (var applied in state.Accept(roomEvent))
        {
            if (applied.Event is MemberRemoved removed && caller is { } gone && removed.MemberId == gone.MemberId)
            {
                await StopAsync(RoomGrain.RemovedMessage);
                return;
            }

            if (applied.Event is MemberRoleChanged changed && caller is { } me && changed.MemberId == me.MemberId && changed.Role != me.Role)
            {
                caller = me with { Role = changed.Role };
                accessNotice = $"A facilitator made you {Article(changed.Role)} {changed.Role}.";
                await OnAccessChanged.InvokeAsync(accessNotice);
            }

            await ForwardAsync(applied.Event);
        }

        if (state.WaitingSince is { } since)
        {
            if (DateTimeOffset.UtcNow - since > GapPatience)
            {
                // An event never came (a dropped message, or the room restarted): start again from its snapshot.
                await ResyncPromptsAsync(null);
                return;
            }

            _ = CheckGapLaterAsync();
        }

        StateHasChanged();
    });

    /// <summary>This person was removed: stop following the room, show why, and let the page catch up.</summary>
    private async Task StopAsync(string message)
    {
        error = message;
        state = null;
        caller = null;
        if (watch is not null)
        {
            await watch.DisposeAsync();
            watch = null;
        }

        if (connection is { } closing)
        {
            // The room already took them out of presence (it ignores this close); the node must stop reporting them.
            connection = null;
            await Live.DisconnectAsync(closing);
        }

        StateHasChanged();
        await OnAccessChanged.InvokeAsync(message);
    }

    private static string Article(RoomRole role) => role == RoomRole.Editor ? "an" : "a";

    /// <summary>Looks again once the patience has run out, in case no further event arrives to trigger it.</summary>
    private async Task CheckGapLaterAsync()
    {
        await Task.Delay(GapPatience + TimeSpan.FromMilliseconds(100));
        await InvokeAsync(async () =>
        {
            if (state?.WaitingSince is { } since && DateTimeOffset.UtcNow - since > GapPatience)
            {
                await ResyncPromptsAsync(null);
            }
        });
    }

    /// <summary>Events the browser-side editors handle themselves (they hold unconfirmed local work).</summary>
    private async Task ForwardAsync(RoomEvent roomEvent)
    {
        switch (roomEvent)
        {
            case PromptEdited edited when (edited.Field == PromptField.Prompt ? promptEditor : negativeEditor) is { } editor:
                await editor.ReceiveAsync(edited.Applied);
                break;
            case StrokeAdded added when maskCanvas is not null:
                await maskCanvas.AddedAsync(added.Stroke);
                break;
            case StrokeInProgress progress when maskCanvas is not null:
                await maskCanvas.ProgressAsync(progress);
                break;
            case StrokeAbandoned abandoned when maskCanvas is not null:
                await maskCanvas.AbandonedAsync(abandoned.StrokeId);
                break;
            case StrokeRemoved removed when maskCanvas is not null:
                await maskCanvas.RemovedAsync(removed.StrokeId);
                break;
            case RecipeRestored restored:
                // The prompts were replaced, not edited: each editor starts over from the restored text.
                if (promptEditor is not null)
                {
                    await promptEditor.ResyncAsync(restored.Prompt);
                }

                if (negativeEditor is not null)
                {
                    await negativeEditor.ResyncAsync(restored.NegativePrompt);
                }

                if (maskCanvas is not null)
                {
                    StateHasChanged(); // the canvas takes the restored strokes and size from its parameters first
                    await maskCanvas.ResetAsync();
                }

                break;
            case MaskCleared when maskCanvas is not null:
                StateHasChanged(); // the canvas takes the new size from its parameters first
                await maskCanvas.ResetAsync();
                break;
        }
    }

    /// <summary>Sends a stroke the browser drew; a refusal (a flood, a lowered role) is shown to this person only.</summary>
    private async Task<RoomResult<MaskStroke>> AddStrokeAsync(MaskStroke stroke)
    {
        var result = await Live.AddStrokeAsync(actor, RoomId, stroke);
        if (!result.Succeeded && commandError != result.Error!.Message)
        {
            // Shown once: a burst of refusals (a flood) does not re-render the room for each.
            commandError = result.Error.Message;
            StateHasChanged();
        }

        return result;
    }

    /// <summary>Points of a stroke this person is drawing; a refusal only stops its preview (the commit reports errors).</summary>
    private async Task<bool> ExtendStrokeAsync(StrokeProgress progress) =>
        caller is not null && (await Live.ExtendStrokeAsync(caller, RoomId, progress)).Succeeded;

    private async Task MoveCaretAsync(PromptField field, long promptRevision, TextSelection? selection)
    {
        if (caller is not null && CanEditPrompt)
        {
            // A refused caret (a revision the room forgot) is simply not shown; the next move shares it again.
            await Live.MoveCaretAsync(caller, RoomId, field, promptRevision, selection);
        }
    }

    private Task UndoStrokeAsync() => RunAsync(async () =>
    {
        var result = await Live.UndoStrokeAsync(actor, RoomId);
        return result.Succeeded ? RoomResult<bool>.Ok(true) : result.Error!;
    });

    private Task ClearMaskAsync() => RunAsync(() => Live.ClearMaskAsync(actor, RoomId));

    // A pointer move past the allowance is dropped: the next one carries the pointer on, so nothing to show.
    private Task MovePointerAsync(float x, float y) => caller is null ? Task.CompletedTask : Live.MovePointerAsync(RoomId, caller.MemberId, x, y);

    private Task<RoomResult<PromptApplied>> EditPromptAsync(PromptField field, PromptEdit edit) =>
        Live.EditPromptAsync(actor, RoomId, field, edit);

    /// <summary>Reloads the room (after a refused edit or a gap) and restarts both editors from it.</summary>
    private async Task ResyncPromptsAsync(string? reason)
    {
        commandError = reason ?? commandError;
        var snapshot = await Live.GetSnapshotAsync(actor, RoomId);
        if (!snapshot.Succeeded || state is null)
        {
            return;
        }

        state.Reset(snapshot.Value!);
        if (promptEditor is not null)
        {
            await promptEditor.ResyncAsync(snapshot.Value!.Prompt);
        }

        if (negativeEditor is not null)
        {
            await negativeEditor.ResyncAsync(snapshot.Value!.NegativePrompt);
        }

        StateHasChanged();
        if (maskCanvas is not null)
        {
            await maskCanvas.ResetAsync();
        }

        StateHasChanged();
    }

    private async Task TypingAsync()
    {
        if (caller is null)
        {
            return;
        }

        var wasTyping = typingQuiet is not null;
        typingQuiet?.Cancel();
        typingQuiet = new CancellationTokenSource();
        if (!wasTyping)
        {
            await Live.SetTypingAsync(RoomId, caller.MemberId, true);
        }

        _ = StopTypingLaterAsync(typingQuiet.Token);
    }

    private async Task StopTypingLaterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TypingQuietTime, cancellationToken);
            typingQuiet = null;
            await Live.SetTypingAsync(RoomId, caller!.MemberId, false);
        }
        catch (TaskCanceledException)
        {
            // typed again
        }
    }

    private Task GenerateAsync() => RunAsync(() => Live.GenerateAsync(actor, RoomId));

    private Task CancelAsync() => RunAsync(() => Live.CancelAsync(actor, RoomId));

    private Task SetLiveAsync(bool isLive) => RunAsync(() => Live.SetLiveModeAsync(actor, RoomId, isLive));

    private Task ChangeParametersAsync(ParameterChange change) => RunAsync(() => Live.ChangeParametersAsync(actor, RoomId, change));

    private Task<RoomResult<InitImageInfo>> UploadInitImageAsync(Stream upload) => InitImages.UploadAsync(actor, RoomId, upload);

    private Task<RoomResult<InitImageInfo>> UseLastResultAsInitImageAsync() => InitImages.UseLastResultAsync(actor, RoomId);

    private Task<RoomResult<bool>> ClearInitImageAsync() => InitImages.ClearAsync(actor, RoomId);

    private async Task RunAsync(Func<Task<RoomResult<bool>>> command)
    {
        var result = await command();
        commandError = result.Error?.Message;
    }

    public async ValueTask DisposeAsync()
    {
        typingQuiet?.Cancel();
        if (watch is not null)
        {
            await watch.DisposeAsync();
        }

        if (connection is not null)
        {
            await Live.DisconnectAsync(connection);
        }
    }
}
