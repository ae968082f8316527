using Microsoft.JSInterop;

namespace CollabCanvas.Web.Components.Rooms.Live;

/// <summary>
/// A JavaScript module of ours and the object its <c>attach(...)</c> returned, released together (and quietly
/// when the browser has already gone).
/// </summary>
internal sealed class AttachedScript : IAsyncDisposable
{
    private readonly IJSObjectReference _module;
    private readonly IJSObjectReference _instance;

    private AttachedScript(IJSObjectReference module, IJSObjectReference instance)
    {
        _module = module;
        _instance = instance;
    }

    public static async Task<AttachedScript> AttachAsync(IJSRuntime js, string modulePath, params object?[] arguments)
    {
        var module = await js.InvokeAsync<IJSObjectReference>("import", modulePath);
        var instance = await module.InvokeAsync<IJSObjectReference>("attach", arguments);
        return new AttachedScript(module, instance);
    }

    public ValueTask InvokeVoidAsync(string method, params object?[] arguments) => _instance.InvokeVoidAsync(method, arguments);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _instance.InvokeVoidAsync("dispose");
            await _instance.DisposeAsync();
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with the browser; nothing to clean up there.
        }
    }
}
