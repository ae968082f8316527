using CollabCanvas.Data.Entities;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Rooms;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Infrastructure;

/// <summary>A person in a test: their HTTP client (cookies) and who they are to the rooms service.</summary>
public sealed record Person(string Name, HttpClient Client, RoomActor Actor);

/// <summary>Creates signed-in people and rooms through the real app.</summary>
public static class People
{
    public static async Task<Person> RegisterAsync(AppFactory app, string name)
    {
        var client = app.CreatePersonClient();
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await Forms.RegisterAsync(client, email, name);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        return new Person(name, client, RoomActor.Account(user!.Id, name));
    }

    public static Person Anonymous(AppFactory app) => new("anonymous", app.CreatePersonClient(), RoomActor.Anonymous);

    /// <summary>Joins a room as a guest through the join form; returns the guest.</summary>
    public static async Task<Person> JoinAsGuestAsync(AppFactory app, string joinCode, string name)
    {
        var client = app.CreatePersonClient();
        var response = await Forms.JoinAsync(client, joinCode, name);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"Guest join answered {response.StatusCode}: {await Forms.Excerpt(response)}");
        var roomId = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        var rooms = app.Services.GetRequiredService<RoomService>();
        var details = await rooms.GetRoomAsync(await GuestActorAsync(app, roomId, name), roomId);
        return new Person(name, client, RoomActor.Guest(details.Value!.MyMemberId, roomId, name));
    }

    /// <summary>Creates a room whose Facilitator is <paramref name="facilitator"/>; returns it with its code.</summary>
    public static async Task<(Guid Id, string Code)> CreateRoomAsync(AppFactory app, Person facilitator, string name = "Studio")
    {
        var rooms = app.Services.GetRequiredService<RoomService>();
        var created = await rooms.CreateRoomAsync(facilitator.Actor, name, "A test room");
        Assert.True(created.Succeeded, created.Error?.Message);
        var details = await rooms.GetRoomAsync(facilitator.Actor, created.Value!.Id);
        return (created.Value.Id, details.Value!.JoinCode!);
    }

    /// <summary>Adds an account to a room with a role (joins by code, then the Facilitator sets the role).</summary>
    public static async Task<Guid> AddMemberAsync(AppFactory app, Person facilitator, (Guid Id, string Code) room, Person member, RoomRole role)
    {
        var rooms = app.Services.GetRequiredService<RoomService>();
        var joined = await rooms.JoinAsync(member.Actor, new JoinRequest(room.Code, null, null));
        Assert.True(joined.Succeeded, joined.Error?.Message);
        var changed = await rooms.ChangeRoleAsync(facilitator.Actor, room.Id, joined.Value!.MemberId, role);
        Assert.True(changed.Succeeded, changed.Error?.Message);
        return joined.Value.MemberId;
    }

    // The guest's membership id is only known to the app; find it the way the app does, by the newest guest of that name.
    private static async Task<RoomActor> GuestActorAsync(AppFactory app, Guid roomId, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabCanvas.Data.AppDbContext>();
        var member = db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == null && m.DisplayName == name).AsEnumerable().OrderByDescending(m => m.JoinedAt).First();
        return RoomActor.Guest(member.Id, roomId, name);
    }
}
