using System.Net;
using System.Net.Http.Json;
using CollabCanvas.Data;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>
/// Every room action × every kind of person, over HTTP with real cookies: allowed exactly where the role
/// table below says, otherwise 401/403 and the database unchanged. The table is written out here on purpose
/// (not read from RoomPolicy) so a change to the policy has to be made in two places.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.World world) : IClassFixture<AuthorizationMatrixTests.World>
{
    public enum Who
    {
        Anonymous,
        NonMember,
        GuestOfAnotherRoom,
        Viewer,
        Editor,
        Facilitator,
    }

    private static readonly Dictionary<RoomAction, Who[]> AllowedBy = new()
    {
        [RoomAction.ViewRoom] = [Who.Viewer, Who.Editor, Who.Facilitator],
        [RoomAction.RenameRoom] = [Who.Facilitator],
        [RoomAction.ChangeRole] = [Who.Facilitator],
        [RoomAction.RemoveParticipant] = [Who.Facilitator],
        [RoomAction.CreateInvite] = [Who.Facilitator],
    };

    public static TheoryData<RoomAction, Who> Cases()
    {
        var data = new TheoryData<RoomAction, Who>();
        foreach (var action in Enum.GetValues<RoomAction>())
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(action, who);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_action_that_exists()
    {
        Assert.Equal(Enum.GetValues<RoomAction>().Order(), AllowedBy.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_action_is_allowed_exactly_where_the_role_table_says(RoomAction action, Who who)
    {
        var room = await world.NewRoomAsync();
        var person = world.PersonFor(who);
        var before = await world.SnapshotAsync(room.Id);

        var response = await Send(person.Client, action, room);

        var allowed = AllowedBy[action].Contains(who);
        if (allowed)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} {action}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var after = await world.SnapshotAsync(room.Id);
            if (action is RoomAction.RenameRoom or RoomAction.ChangeRole or RoomAction.RemoveParticipant)
            {
                Assert.NotEqual(before, after);
            }
        }
        else
        {
            var expected = who == Who.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.Equal(expected, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
            Assert.False(string.IsNullOrWhiteSpace(problem?.Detail), "a refusal explains itself");
            Assert.Equal(before, await world.SnapshotAsync(room.Id));
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, RoomAction action, World.TestRoom room) => action switch
    {
        RoomAction.ViewRoom => client.GetAsync($"/api/rooms/{room.Id}"),
        RoomAction.RenameRoom => client.PutAsJsonAsync($"/api/rooms/{room.Id}/name", new { name = "Renamed", description = "Changed" }),
        RoomAction.ChangeRole => client.PutAsJsonAsync($"/api/rooms/{room.Id}/members/{room.TargetMemberId}/role", new { role = "Editor" }),
        RoomAction.RemoveParticipant => client.DeleteAsync($"/api/rooms/{room.Id}/members/{room.TargetMemberId}"),
        RoomAction.CreateInvite => client.PostAsJsonAsync($"/api/rooms/{room.Id}/invites", new { role = "Viewer" }),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Add the request for this action to the matrix."),
    };

    private sealed record ProblemBody(string? Detail);

    /// <summary>The people, signed in once; each test case gets a fresh room with all of them in their roles.</summary>
    public sealed class World : AppFactory, IAsyncLifetime
    {
        private readonly Dictionary<Who, Person> _people = [];

        public sealed record TestRoom(Guid Id, string Code, Guid TargetMemberId);

        public Person PersonFor(Who who) => _people[who];

        public async Task InitializeAsync()
        {
            _people[Who.Anonymous] = People.Anonymous(this);
            _people[Who.NonMember] = await People.RegisterAsync(this, "Nora");
            _people[Who.Viewer] = await People.RegisterAsync(this, "Vic");
            _people[Who.Editor] = await People.RegisterAsync(this, "Edda");
            _people[Who.Facilitator] = await People.RegisterAsync(this, "Fay");
            var otherRoom = await People.CreateRoomAsync(this, _people[Who.NonMember], "Other room");
            _people[Who.GuestOfAnotherRoom] = await People.JoinAsGuestAsync(this, otherRoom.Code, "Gus");
        }

        public async Task<TestRoom> NewRoomAsync()
        {
            var facilitator = _people[Who.Facilitator];
            var room = await People.CreateRoomAsync(this, facilitator);
            await People.AddMemberAsync(this, facilitator, room, _people[Who.Viewer], RoomRole.Viewer);
            await People.AddMemberAsync(this, facilitator, room, _people[Who.Editor], RoomRole.Editor);
            var target = await People.RegisterAsync(this, "Tess");
            var targetMemberId = await People.AddMemberAsync(this, facilitator, room, target, RoomRole.Viewer);
            return new TestRoom(room.Id, room.Code, targetMemberId);
        }

        /// <summary>Everything about a room an action could change, as a comparable string.</summary>
        public async Task<string> SnapshotAsync(Guid roomId)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == roomId);
            var members = await db.RoomMembers.AsNoTracking().Where(m => m.RoomId == roomId).ToListAsync();
            return $"{room.Name}|{room.Description}|{room.JoinCode}|" + string.Join(";", members
                .OrderBy(m => m.Id)
                .Select(m => $"{m.Id}:{m.Role}:{m.RemovedAt?.ToUnixTimeMilliseconds()}:{m.DisplayName}"));
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
