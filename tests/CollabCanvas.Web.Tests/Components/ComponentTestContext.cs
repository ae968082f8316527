using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CollabCanvas.Data;
using CollabCanvas.Data.Entities;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Components.Account;
using CollabCanvas.Web.Options;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace CollabCanvas.Web.Tests.Components;

/// <summary>
/// A bUnit context with the app's real room services on an in-memory SQLite database (migrated like the app's),
/// MudBlazor, and a recording fake for guest sign-in (which needs a real HTTP response).
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    protected ComponentTestContext()
    {
        _connection.Open();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddDbContextFactory<AppDbContext>(options => options.UseSqlite(_connection));
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new RoomOptions()));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<InviteTokens>();
        Services.AddSingleton<RoomService>();
        Services.AddSingleton<IGuestSessions>(GuestSessions);
        Services.AddSingleton<IRoomMemberNotifier>(MemberNotifier);
        Services.AddScoped<IdentityRedirectManager>();
        Authorization = AddAuthorization();

        // Migrated without resolving a service, so subclasses can still register theirs in their constructors.
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(_connection).Options);
        db.Database.Migrate();
    }

    protected RecordingGuestSessions GuestSessions { get; } = new();

    protected RecordingMemberNotifier MemberNotifier { get; } = new();

    protected BunitAuthorizationContext Authorization { get; }

    protected RoomService Rooms => Services.GetRequiredService<RoomService>();

    /// <summary>Adds an account to the database and returns it as a room actor.</summary>
    protected RoomActor NewAccount(string name)
    {
        using var db = Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var user = new ApplicationUser { UserName = $"{Guid.NewGuid():N}@example.test", DisplayName = name };
        db.Users.Add(user);
        db.SaveChanges();
        return RoomActor.Account(user.Id, name);
    }

    /// <summary>Makes the rendered components see <paramref name="actor"/> as the signed-in person.</summary>
    protected void SignIn(RoomActor actor)
    {
        Authorization.SetAuthorized(actor.DisplayName);
        Authorization.SetClaims(actor.Kind == ActorKind.Guest
            ? RoomActorClaims.CreateGuestPrincipal(actor.GuestMemberId!.Value, actor.GuestRoomId!.Value, actor.DisplayName).Claims.ToArray()
            : [new Claim(ClaimTypes.NameIdentifier, actor.UserId!), new Claim(AppClaims.DisplayName, actor.DisplayName)]);
    }

    protected async Task<(Guid Id, string Code)> NewRoomAsync(RoomActor facilitator, string name = "Studio")
    {
        var created = await Rooms.CreateRoomAsync(facilitator, name, "");
        var details = await Rooms.GetRoomAsync(facilitator, created.Value!.Id);
        return (created.Value.Id, details.Value!.JoinCode!);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only async-disposable; xunit 2 calls this before Dispose, which then has nothing left to do.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _connection.Dispose();
        }
    }

    /// <summary>Records role changes and removals the live room would be told about.</summary>
    protected sealed class RecordingMemberNotifier : IRoomMemberNotifier
    {
        public List<(Guid RoomId, Guid MemberId, RoomRole? Role)> Changes { get; } = [];

        public Task MemberChangedAsync(Guid roomId, Guid memberId, RoomRole? newRole, CollabCanvas.Rooms.Live.MemberChange change)
        {
            Changes.Add((roomId, memberId, newRole));
            return Task.CompletedTask;
        }
    }

    /// <summary>Records guest sign-ins instead of writing a cookie.</summary>
    protected sealed class RecordingGuestSessions : IGuestSessions
    {
        public List<(Guid MemberId, Guid RoomId, string DisplayName)> SignIns { get; } = [];

        public Task SignInAsync(HttpContext httpContext, Guid memberId, Guid roomId, string displayName)
        {
            SignIns.Add((memberId, roomId, displayName));
            return Task.CompletedTask;
        }
    }
}
