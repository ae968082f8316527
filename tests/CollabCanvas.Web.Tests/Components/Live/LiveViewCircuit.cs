using System.Security.Claims;
using Bunit;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Components.Rooms.Live;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Security;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CollabCanvas.Web.Tests.Components.Live;

/// <summary>
/// One person's Blazor circuit on the real app: a bUnit renderer signed in as them, whose
/// <see cref="LiveRoomView"/> talks to the app's own <see cref="LiveRoomService"/> (its grains, relay and flood
/// buckets), exactly as the room page's circuit does.
/// </summary>
public sealed class LiveViewCircuit : BunitContext
{
    private LiveViewCircuit(AppFactory app, RoomActor actor)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(app.Services.GetRequiredService<LiveRoomService>());
        Services.AddSingleton(app.Services.GetRequiredService<ModelChoices>());
        Services.AddSingleton(app.Services.GetRequiredService<InitImageService>());
        var authorization = AddAuthorization();
        authorization.SetAuthorized(actor.DisplayName);
        authorization.SetClaims(actor.Kind == ActorKind.Guest
            ? RoomActorClaims.CreateGuestPrincipal(actor.GuestMemberId!.Value, actor.GuestRoomId!.Value, actor.DisplayName).Claims.ToArray()
            : [new Claim(ClaimTypes.NameIdentifier, actor.UserId!), new Claim(AppClaims.DisplayName, actor.DisplayName)]);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // after every service: it starts the provider
    }

    public IRenderedComponent<LiveRoomView> View { get; private set; } = default!;

    /// <summary>Opens the room's live view as <paramref name="actor"/> and waits until it shows the room (or a refusal).</summary>
    /// <param name="onAccessChanged">What the page would do when the person's role changes or they are removed.</param>
    public static LiveViewCircuit Open(AppFactory app, RoomActor actor, Guid roomId, Action<string>? onAccessChanged = null)
    {
        var circuit = new LiveViewCircuit(app, actor);
        circuit.View = circuit.Render<LiveRoomView>(p => p.Add(x => x.RoomId, roomId).Add(x => x.OnAccessChanged, onAccessChanged ?? (_ => { })));
        circuit.View.WaitForAssertion(() => Assert.True(
            circuit.View.FindAll("[data-testid=prompt-input], [role=alert]").Count > 0, circuit.View.Markup), TimeSpan.FromSeconds(30));
        return circuit;
    }

    /// <summary>Paints a stroke as the browser's mask canvas would hand it over; true when the room took it.</summary>
    public Task<bool> PaintAsync(CollabCanvas.Rooms.Mask.MaskStroke stroke)
    {
        var canvas = View.FindComponent<MaskCanvas>().Instance;
        return View.InvokeAsync(() => canvas.SendStroke(stroke));
    }

    /// <summary>
    /// Hands the strokes over the way a script driving the page as fast as it can would: all from one turn of the
    /// circuit's dispatcher, each going as far as it can before waiting. <paramref name="alongside"/> starts
    /// calls of another path in the same turn. Returns whether the room took each stroke, in order.
    /// </summary>
    public Task<bool[]> FloodAsync(IReadOnlyList<CollabCanvas.Rooms.Mask.MaskStroke> strokes, Func<int, Task<bool>>? alongside = null)
    {
        var canvas = View.FindComponent<MaskCanvas>().Instance;
        return View.InvokeAsync(() =>
        {
            var sent = new List<Task<bool>>();
            for (var i = 0; i < strokes.Count; i++)
            {
                sent.Add(canvas.SendStroke(strokes[i]));
                if (alongside is not null)
                {
                    sent.Add(alongside(i));
                }
            }

            return Task.WhenAll(sent);
        });
    }

    /// <summary>The strokes this view shows, as the room confirmed them.</summary>
    public int StrokeCount => View.FindComponent<MaskCanvas>().Instance.Strokes.Count;

    /// <summary>The texts of the alerts this person sees.</summary>
    public IReadOnlyList<string> Alerts => View.FindAll("[role=alert]").Select(alert => alert.TextContent.Trim()).ToList();
}
