using System.Text.Json.Serialization;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Hubs;
using CollabCanvas.Web.Tests.Browser;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>
/// A programmatic client of the rooms hub, written the way the README tells a script author to: the person's
/// cookies on the connection, a handler per event, and a <see cref="PromptClient"/> that takes every
/// <c>PromptEdited</c> in order and sends the edits it returns.
/// </summary>
public sealed class RoomHubClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(Guid RoomId, RoomEvent Event)> _events = [];
    private readonly List<PromptApplied> _beforeJoin = [];
    private readonly List<string> _sendErrors = [];
    private PromptClient? _prompt;
    private Guid _roomId;

    private RoomHubClient(HubConnection connection)
    {
        Connection = connection;
    }

    public HubConnection Connection { get; }

    public RoomSession? Session { get; private set; }

    public static Task<RoomHubClient> ConnectAsync(BrowserAppFactory app, HubPerson person, bool messagePack = false) =>
        ConnectAsync(new Uri(app.BaseAddress), person.Cookies, messagePack);

    /// <summary>Connects to the app at <paramref name="baseAddress"/> (any web node) with a person's cookies.</summary>
    public static async Task<RoomHubClient> ConnectAsync(Uri baseAddress, System.Net.CookieContainer cookies, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/rooms"), options => options.Cookies = cookies);
        builder = messagePack
            ? builder.AddMessagePackProtocol()
            : builder.AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var client = new RoomHubClient(builder.Build());
        client.Listen();
        await client.Connection.StartAsync();
        return client;
    }

    public async Task<RoomSession> JoinAsync(Guid roomId)
    {
        var session = await Connection.InvokeAsync<RoomSession>("Join", roomId);
        List<PromptEdit> toSend = [];
        lock (_gate)
        {
            Session = session;
            _roomId = roomId;
            _prompt = new PromptClient(session.Me.MemberId, session.Snapshot.Prompt);
            foreach (var early in _beforeJoin)
            {
                // The snapshot already holds those up to its revision; the client ignores them.
                if (_prompt.Receive(early) is { } next)
                {
                    toSend.Add(next);
                }
            }

            _beforeJoin.Clear();
        }

        foreach (var edit in toSend)
        {
            await SendEditAsync(edit);
        }

        return session;
    }

    /// <summary>Types text into the prompt as a person at a keyboard would: at once locally, sent when the client says so.</summary>
    public async Task TypeAsync(int position, string text)
    {
        PromptEdit? toSend;
        lock (_gate)
        {
            var local = _prompt!.Insert(Math.Min(position, _prompt.Text.Length), text);
            Assert.True(local.Succeeded, local.Error);
            toSend = local.ToSend;
        }

        if (toSend is not null)
        {
            await SendEditAsync(toSend);
        }
    }

    /// <summary>
    /// Starts the prompt over from the room as it stands (the README's advice after missing events, e.g. when the
    /// room's grain restarted on another node); edits not yet acknowledged are dropped, as a resync does.
    /// </summary>
    public async Task<RoomSnapshot> ResyncAsync()
    {
        var snapshot = await Connection.InvokeAsync<RoomSnapshot>("Snapshot", _roomId);
        lock (_gate)
        {
            _prompt?.Resync(snapshot.Prompt);
        }

        return snapshot;
    }

    public string PromptText
    {
        get
        {
            lock (_gate)
            {
                return _prompt?.Text ?? "";
            }
        }
    }

    public IReadOnlyList<AuthorSpan> PromptAuthors
    {
        get
        {
            lock (_gate)
            {
                return _prompt is null ? [] : _prompt.Content.Spans();
            }
        }
    }

    public bool HasPendingEdits
    {
        get
        {
            lock (_gate)
            {
                return _prompt?.HasPending ?? false;
            }
        }
    }

    public IReadOnlyList<string> SendErrors
    {
        get
        {
            lock (_gate)
            {
                return [.. _sendErrors];
            }
        }
    }

    public IReadOnlyList<T> Events<T>(Guid roomId)
        where T : RoomEvent
    {
        lock (_gate)
        {
            return _events.Where(e => e.RoomId == roomId).Select(e => e.Event).OfType<T>().ToList();
        }
    }

    public int EventCount
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> after the timeout.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, int timeoutSeconds = 30) =>
        WaitUntilAsync(condition, () => what, timeoutSeconds);

    /// <summary>As above, describing the state at the moment it gives up.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, Func<string> what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what()}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private void Listen()
    {
        On<PresenceChanged>(RoomHubEvents.PresenceChanged);
        On<ParametersChanged>(RoomHubEvents.ParametersChanged);
        On<GenerationChanged>(RoomHubEvents.GenerationChanged);
        On<GenerationProgress>(RoomHubEvents.GenerationProgress);
        On<LiveModeChanged>(RoomHubEvents.LiveModeChanged);
        On<PromptEdited>(RoomHubEvents.PromptEdited);
        On<StrokeAdded>(RoomHubEvents.StrokeAdded);
        On<StrokeRemoved>(RoomHubEvents.StrokeRemoved);
        On<MaskCleared>(RoomHubEvents.MaskCleared);
        On<PointerMoved>(RoomHubEvents.PointerMoved);
        On<RecipeRestored>(RoomHubEvents.RecipeRestored);
        On<MemberRemoved>(RoomHubEvents.MemberRemoved);
        On<MemberRoleChanged>(RoomHubEvents.MemberRoleChanged);
        On<StrokeInProgress>(RoomHubEvents.StrokeInProgress);
        On<StrokeAbandoned>(RoomHubEvents.StrokeAbandoned);
        On<CaretMoved>(RoomHubEvents.CaretMoved);
    }

    private void On<T>(string method)
        where T : RoomEvent =>
        Connection.On<Guid, T>(method, (roomId, roomEvent) => Take(roomId, roomEvent));

    private void Take(Guid roomId, RoomEvent roomEvent)
    {
        PromptEdit? toSend = null;
        lock (_gate)
        {
            _events.Add((roomId, roomEvent));
            if (roomEvent is RecipeRestored restored)
            {
                // A restore replaces the text: the client starts over from it, as the README tells scripts to.
                _prompt?.Resync(restored.Prompt);
            }
            else if (roomEvent is PromptEdited { Field: PromptField.Prompt } edited)
            {
                if (_prompt is null)
                {
                    _beforeJoin.Add(edited.Applied);
                }
                else
                {
                    try
                    {
                        toSend = _prompt.Receive(edited.Applied);
                    }
                    catch (InvalidOperationException gap)
                    {
                        // Kept for the test to report: a client that skipped a revision would resync from a snapshot.
                        _sendErrors.Add($"{gap.Message} (room revision {edited.Revision}; seen {string.Join(",", _events.Select(e => e.Event.Revision))})");
                    }
                }
            }
        }

        // A handler must not wait for an invocation on its own connection (the answer queues behind it).
        if (toSend is not null)
        {
            _ = Task.Run(() => SendEditAsync(toSend));
        }
    }

    private async Task SendEditAsync(PromptEdit edit)
    {
        try
        {
            await Connection.InvokeAsync<PromptApplied>("EditPrompt", _roomId, PromptField.Prompt, edit);
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _sendErrors.Add(ex.Message);
            }
        }
    }
}
