using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>Invites, guests and removal, end to end over HTTP.</summary>
public sealed class MembershipTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Theory]
    [InlineData(RoomRole.Viewer)]
    [InlineData(RoomRole.Facilitator)]
    public async Task An_invite_link_gives_its_role_to_a_guest(RoomRole role)
    {
        var owner = await People.RegisterAsync(app, "Teacher");
        var room = await People.CreateRoomAsync(app, owner);
        var invite = await (await owner.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/invites", new { role = role.ToString() }))
            .Content.ReadFromJsonAsync<InviteJson>(Json);
        var guest = app.CreatePersonClient();

        var response = await Forms.PostAsync(guest, invite!.RelativeUrl, "join", new Dictionary<string, string>
        {
            ["Input.Code"] = room.Code,
            ["Input.DisplayName"] = "Student",
            ["Input.InviteToken"] = Uri.UnescapeDataString(invite.RelativeUrl.Split("invite=")[1]),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await guest.GetFromJsonAsync<RoomJson>($"/api/rooms/{room.Id}", Json);
        Assert.Equal(role, details!.MyRole);
    }

    [Fact]
    public async Task Joining_by_code_gives_the_configured_role_and_guests_see_no_join_code()
    {
        var owner = await People.RegisterAsync(app, "Host");
        var room = await People.CreateRoomAsync(app, owner);
        var guest = await People.JoinAsGuestAsync(app, room.Code.ToLowerInvariant(), "Kid");

        var details = await guest.Client.GetFromJsonAsync<RoomJson>($"/api/rooms/{room.Id}", Json);

        Assert.Equal(RoomRole.Editor, details!.MyRole);
        Assert.Null(details.JoinCode);
    }

    [Fact]
    public async Task A_removed_guest_loses_the_room_and_an_account_cannot_rejoin_with_the_code()
    {
        var owner = await People.RegisterAsync(app, "Lead");
        var room = await People.CreateRoomAsync(app, owner);
        var guest = await People.JoinAsGuestAsync(app, room.Code, "Noisy");
        var member = await People.RegisterAsync(app, "Member");
        var memberId = await People.AddMemberAsync(app, owner, room, member, RoomRole.Editor);

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.DeleteAsync($"/api/rooms/{room.Id}/members/{guest.Actor.GuestMemberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.DeleteAsync($"/api/rooms/{room.Id}/members/{memberId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await guest.Client.GetAsync($"/api/rooms/{room.Id}")).StatusCode);
        var rejoin = await Forms.JoinAsync(member.Client, room.Code, "");
        Assert.Contains("A facilitator removed you from this room.", await rejoin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.GetAsync($"/api/rooms/{room.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_last_facilitator_cannot_be_demoted_or_removed()
    {
        var owner = await People.RegisterAsync(app, "Solo");
        var room = await People.CreateRoomAsync(app, owner);
        var details = await owner.Client.GetFromJsonAsync<RoomJson>($"/api/rooms/{room.Id}", Json);

        var demote = await owner.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/members/{details!.MyMemberId}/role", new { role = "Viewer" });
        var remove = await owner.Client.DeleteAsync($"/api/rooms/{room.Id}/members/{details.MyMemberId}");

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        Assert.Contains("at least one Facilitator", await demote.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_guest_of_one_room_is_a_stranger_to_another()
    {
        var owner = await People.RegisterAsync(app, "Twin");
        var first = await People.CreateRoomAsync(app, owner, "First");
        var second = await People.CreateRoomAsync(app, owner, "Second");
        var guest = await People.JoinAsGuestAsync(app, first.Code, "Visitor");

        Assert.Equal(HttpStatusCode.OK, (await guest.Client.GetAsync($"/api/rooms/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guest.Client.GetAsync($"/api/rooms/{second.Id}")).StatusCode);
        var mine = await guest.Client.GetFromJsonAsync<List<RoomListJson>>("/api/rooms", Json);
        Assert.Equal([first.Id], mine!.Select(r => r.Id));
    }

    private sealed record InviteJson(string RelativeUrl, RoomRole Role);

    private sealed record RoomListJson(Guid Id, string Name);

    private sealed record RoomJson(Guid Id, string Name, string? JoinCode, RoomRole MyRole, Guid MyMemberId);
}
