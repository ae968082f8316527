using System.Net;
using System.Net.Http.Json;
using CollabCanvas.Data;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Tests.Infrastructure;
using CollabCanvas.Rooms.Live;
using Microsoft.AspNetCore.TestHost;
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
        [RoomAction.EditPrompt] = [Who.Editor, Who.Facilitator],
        [RoomAction.EditParameters] = [Who.Editor, Who.Facilitator],
        [RoomAction.PaintMask] = [Who.Editor, Who.Facilitator],
        [RoomAction.ClearMask] = [Who.Facilitator],
        [RoomAction.Generate] = [Who.Editor, Who.Facilitator],
        [RoomAction.CancelAnyGeneration] = [Who.Facilitator],
        [RoomAction.SaveVersion] = [Who.Editor, Who.Facilitator],
        // The version was saved by Tess, so among these people only a Facilitator may retitle it.
        [RoomAction.EditVersionNote] = [Who.Facilitator],
        [RoomAction.RestoreVersion] = [Who.Editor, Who.Facilitator],
        [RoomAction.ExportSession] = [Who.Editor, Who.Facilitator],
    };

    /// <summary>A version's files: anyone who may view the room may download them.</summary>
    private static readonly string[] Downloads = ["/image.png", "/recipe.json", "/thumbnail.png", ""];

    /// <summary>Actions that change the room's live state (the grain) rather than the database.</summary>
    private static readonly HashSet<RoomAction> LiveActions =
        [RoomAction.EditPrompt, RoomAction.EditParameters, RoomAction.PaintMask, RoomAction.ClearMask, RoomAction.Generate, RoomAction.CancelAnyGeneration];

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
        var room = await world.NewRoomAsync(
            withStrokeAndJob: action is RoomAction.ClearMask or RoomAction.CancelAnyGeneration,
            withResult: action is RoomAction.SaveVersion or RoomAction.EditVersionNote or RoomAction.RestoreVersion,
            withVersion: action is RoomAction.EditVersionNote or RoomAction.RestoreVersion);
        var person = world.PersonFor(who);
        var before = await world.SnapshotAsync(room.Id);

        var response = await Send(person.Client, action, room);

        var allowed = AllowedBy[action].Contains(who);
        if (allowed)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} {action}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var after = await world.SnapshotAsync(room.Id);
            if (action is not (RoomAction.ViewRoom or RoomAction.CreateInvite or RoomAction.ExportSession))
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

    public static TheoryData<Who, string> DownloadCases()
    {
        var data = new TheoryData<Who, string>();
        foreach (var who in Enum.GetValues<Who>())
        {
            foreach (var path in Downloads)
            {
                data.Add(who, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DownloadCases))]
    public async Task A_version_downloads_for_exactly_those_who_may_view_the_room(Who who, string path)
    {
        var room = await world.NewRoomAsync(withVersion: true);

        var response = await world.PersonFor(who).Client.GetAsync($"/api/rooms/{room.Id}/versions/{room.VersionId}{path}");

        var expected = AllowedBy[RoomAction.ViewRoom].Contains(who) ? HttpStatusCode.OK
            : who == Who.Anonymous ? HttpStatusCode.Unauthorized
            : HttpStatusCode.Forbidden;
        Assert.True(expected == response.StatusCode, $"{who} {path}: {response.StatusCode}");
    }

    [Theory]
    [InlineData(Who.Anonymous)]
    [InlineData(Who.NonMember)]
    [InlineData(Who.GuestOfAnotherRoom)]
    [InlineData(Who.Viewer)]
    [InlineData(Who.Editor)]
    [InlineData(Who.Facilitator)]
    public async Task Another_rooms_version_is_never_found_through_this_room(Who who)
    {
        // Everyone has their role in both rooms, so only the room-scoped lookup stands between them and the other room's version.
        var room = await world.NewRoomAsync();
        var other = await world.NewRoomAsync(withVersion: true);
        var client = world.PersonFor(who).Client;
        var expected = AllowedBy[RoomAction.ViewRoom].Contains(who) ? HttpStatusCode.NotFound
            : who == Who.Anonymous ? HttpStatusCode.Unauthorized
            : HttpStatusCode.Forbidden;
        var before = await world.SnapshotAsync(room.Id);

        foreach (var path in Downloads)
        {
            var read = await client.GetAsync($"/api/rooms/{room.Id}/versions/{other.VersionId}{path}");
            Assert.True(expected == read.StatusCode, $"{who} GET {path}: {read.StatusCode}");
            Assert.DoesNotContain("Tess's", await read.Content.ReadAsStringAsync());
        }

        var restore = await client.PostAsync($"/api/rooms/{room.Id}/versions/{other.VersionId}/restore", null);
        var retitle = await client.PutAsJsonAsync($"/api/rooms/{room.Id}/versions/{other.VersionId}", new { title = "Stolen" });

        // Where the role allows restoring or retitling at all, the answer is 404; below it, the role answers first.
        Assert.Equal(AllowedBy[RoomAction.RestoreVersion].Contains(who) ? HttpStatusCode.NotFound : expected == HttpStatusCode.NotFound ? HttpStatusCode.Forbidden : expected, restore.StatusCode);
        Assert.Equal(AllowedBy[RoomAction.EditVersionNote].Contains(who) || who == Who.Editor ? HttpStatusCode.NotFound : expected == HttpStatusCode.NotFound ? HttpStatusCode.Forbidden : expected, retitle.StatusCode);
        Assert.Equal(before, await world.SnapshotAsync(room.Id));
    }

    /// <summary>The init image's requests, each gated by the room action it is (setting it is changing a parameter).</summary>
    public enum InitImageRequest
    {
        Upload,
        UseLastResult,
        Clear,
        Read,
    }

    private static readonly Dictionary<InitImageRequest, RoomAction> InitImageActions = new()
    {
        [InitImageRequest.Upload] = RoomAction.EditParameters,
        [InitImageRequest.UseLastResult] = RoomAction.EditParameters,
        [InitImageRequest.Clear] = RoomAction.EditParameters,
        [InitImageRequest.Read] = RoomAction.ViewRoom,
    };

    public static TheoryData<InitImageRequest, Who> InitImageCases()
    {
        var data = new TheoryData<InitImageRequest, Who>();
        foreach (var request in Enum.GetValues<InitImageRequest>())
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(request, who);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InitImageCases))]
    public async Task Each_init_image_request_is_allowed_exactly_where_its_action_is(InitImageRequest request, Who who)
    {
        // Tess has set an init image and has a result, so clearing, reading and "use the last result" all have something to act on.
        var room = await world.NewRoomAsync(withResult: true, withInitImage: true);
        var person = world.PersonFor(who);
        var before = await world.SnapshotAsync(room.Id);

        var response = await (request switch
        {
            InitImageRequest.Upload => person.Client.SendAsync(UploadImages.UploadRequest(room.Id, UploadImages.Png(shade: 33))),
            InitImageRequest.UseLastResult => person.Client.PostAsync($"/api/rooms/{room.Id}/init-image/from-last-result", null),
            InitImageRequest.Clear => person.Client.DeleteAsync($"/api/rooms/{room.Id}/init-image"),
            _ => person.Client.GetAsync($"/api/rooms/{room.Id}/init-image"),
        });

        if (AllowedBy[InitImageActions[request]].Contains(who))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} {request}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (request != InitImageRequest.Read)
            {
                Assert.NotEqual(before, await world.SnapshotAsync(room.Id));
            }
        }
        else
        {
            Assert.Equal(who == Who.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
            Assert.False(string.IsNullOrWhiteSpace(problem?.Detail), "a refusal explains itself");
            Assert.Equal(before, await world.SnapshotAsync(room.Id));
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, RoomAction action, World.TestRoom room) => action switch
    {
        RoomAction.ViewRoom => client.GetAsync($"/api/rooms/{room.Id}"),
        RoomAction.RenameRoom => client.PutAsJsonAsync($"/api/rooms/{room.Id}/name", new { name = "Renamed", description = "Changed" }),
        RoomAction.ChangeRole => client.PutAsJsonAsync($"/api/rooms/{room.Id}/members/{room.TargetMemberId}/role", new { role = "Viewer" }),
        RoomAction.RemoveParticipant => client.DeleteAsync($"/api/rooms/{room.Id}/members/{room.TargetMemberId}"),
        RoomAction.CreateInvite => client.PostAsJsonAsync($"/api/rooms/{room.Id}/invites", new { role = "Viewer" }),
        RoomAction.EditPrompt => client.PostAsJsonAsync($"/api/rooms/{room.Id}/prompt", new
        {
            field = "Prompt",
            edit = new { editId = Guid.NewGuid(), baseRevision = 0, operation = new { steps = new[] { new { kind = "Insert", count = 3, text = "fox" } } } },
        }),
        RoomAction.EditParameters => client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { steps = 33 }),
        RoomAction.PaintMask => client.PostAsJsonAsync($"/api/rooms/{room.Id}/mask/strokes", NewStroke()),
        RoomAction.ClearMask => client.DeleteAsync($"/api/rooms/{room.Id}/mask"),
        RoomAction.Generate => client.PostAsync($"/api/rooms/{room.Id}/generate", null),
        RoomAction.CancelAnyGeneration => client.PostAsync($"/api/rooms/{room.Id}/cancel", null),
        RoomAction.SaveVersion => client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "Kept" }),
        RoomAction.EditVersionNote => client.PutAsJsonAsync($"/api/rooms/{room.Id}/versions/{room.VersionId}", new { title = "Retitled", note = "Why" }),
        RoomAction.RestoreVersion => client.PostAsync($"/api/rooms/{room.Id}/versions/{room.VersionId}/restore", null),
        RoomAction.ExportSession => client.GetAsync($"/api/rooms/{room.Id}/export.zip"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Add the request for this action to the matrix."),
    };

    private static object NewStroke() => new
    {
        id = Guid.NewGuid(),
        author = Guid.NewGuid(), // the server replaces it with the caller
        tool = "Brush",
        size = 8,
        points = new[] { new { x = 10, y = 10 }, new { x = 40, y = 30 } },
    };

    private sealed record ProblemBody(string? Detail);

    /// <summary>The people, signed in once; each test case gets a fresh room with all of them in their roles.</summary>
    public sealed class World : AppFactory, IAsyncLifetime
    {
        private readonly Dictionary<Who, Person> _people = [];

        public sealed record TestRoom(Guid Id, string Code, Guid TargetMemberId, Guid? VersionId = null);

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

        /// <summary>
        /// A room with everyone in their role and a target member (Tess, an Editor). With
        /// <paramref name="withStrokeAndJob"/>, Tess has painted a stroke and started a generation (which this
        /// world's renderer holds in the queue), so clearing and cancelling have something to act on. With
        /// <paramref name="withResult"/>, Tess's generation has finished with an image (there is something to save);
        /// with <paramref name="withVersion"/>, Tess has also saved it as a version and then changed the steps.
        /// </summary>
        /// <remarks>With <paramref name="withInitImage"/>, Tess has also uploaded an init image.</remarks>
        public async Task<TestRoom> NewRoomAsync(bool withStrokeAndJob = false, bool withResult = false, bool withVersion = false, bool withInitImage = false)
        {
            var facilitator = _people[Who.Facilitator];
            var room = await People.CreateRoomAsync(this, facilitator);
            await People.AddMemberAsync(this, facilitator, room, _people[Who.Viewer], RoomRole.Viewer);
            await People.AddMemberAsync(this, facilitator, room, _people[Who.Editor], RoomRole.Editor);
            var target = await People.RegisterAsync(this, "Tess");
            var targetMemberId = await People.AddMemberAsync(this, facilitator, room, target, RoomRole.Editor);
            if (withStrokeAndJob)
            {
                Assert.Equal(HttpStatusCode.OK, (await target.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/mask/strokes", NewStroke())).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await target.Client.PostAsync($"/api/rooms/{room.Id}/generate", null)).StatusCode);
            }

            if (withResult || withVersion)
            {
                await FinishGenerationAsync(target, room.Id);
            }

            if (withInitImage)
            {
                var uploaded = await target.Client.SendAsync(UploadImages.UploadRequest(room.Id, UploadImages.Png()));
                Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
            }

            Guid? versionId = null;
            if (withVersion)
            {
                var saved = await target.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "Tess's" });
                Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
                versionId = (await saved.Content.ReadFromJsonAsync<SavedVersion>())!.Summary.Id;

                // The room moves on after the save, so restoring the version has something to bring back.
                Assert.Equal(HttpStatusCode.OK, (await target.Client.PutAsJsonAsync($"/api/rooms/{room.Id}/parameters", new { steps = 5 })).StatusCode);
            }

            return new TestRoom(room.Id, room.Code, targetMemberId, versionId);
        }

        /// <summary>Tess generates and this world's renderer completes the job with a small PNG, as the engine would.</summary>
        private async Task FinishGenerationAsync(Person runner, Guid roomId)
        {
            Assert.Equal(HttpStatusCode.OK, (await runner.Client.PostAsync($"/api/rooms/{roomId}/generate", null)).StatusCode);
            var grain = Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(roomId);
            var job = (await grain.GetSnapshot()).Generation!;
            await grain.ReportRender(job.JobId, new RenderCompleted(new RoomImage(TinyPng(), "image/png", 8, 8), 1234, TimeSpan.FromSeconds(1)));
        }

        private static byte[] TinyPng()
        {
            using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(8, 8);
            using var bytes = new MemoryStream();
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, bytes);
            return bytes.ToArray();
        }

        private sealed record SavedVersion(SavedSummary Summary);

        private sealed record SavedSummary(Guid Id);

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IRoomRenderer, HoldingRenderer>());
        }

        /// <summary>Everything about a room an action could change, as a comparable string.</summary>
        public async Task<string> SnapshotAsync(Guid roomId)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == roomId);
            var members = await db.RoomMembers.AsNoTracking().Where(m => m.RoomId == roomId).ToListAsync();
            var live = await Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(roomId).GetSnapshot();
            var versions = await db.RoomVersions.AsNoTracking().Where(v => v.RoomId == roomId).OrderBy(v => v.Id).ToListAsync();
            var edits = await db.RoomVersionEdits.AsNoTracking().CountAsync(e => versions.Select(v => v.Id).Contains(e.VersionId));
            return $"{room.Name}|{room.Description}|{room.JoinCode}|" + string.Join(";", members
                .OrderBy(m => m.Id)
                .Select(m => $"{m.Id}:{m.Role}:{m.RemovedAt?.ToUnixTimeMilliseconds()}:{m.DisplayName}"))
                + $"|live:{live.Prompt.Text}|{live.Parameters}|{live.Strokes.Count}|{live.Generation?.State}|{live.IsLive}"
                + "|versions:" + string.Join(";", versions.Select(v => $"{v.Id}:{v.Title}:{v.Note}")) + $"|edits:{edits}";
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}

/// <summary>A renderer that keeps every job queued (so a generation stays cancellable) and reports cancellations.</summary>
internal sealed class HoldingRenderer(IServiceProvider services) : IRoomRenderer
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, RenderJob> _jobs = new();

    public void Enqueue(RenderJob job) => _jobs[job.JobId] = job;

    public void Cancel(Guid jobId)
    {
        if (_jobs.TryRemove(jobId, out var job))
        {
            _ = services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(job.RoomId).ReportRender(jobId, new RenderCancelled());
        }
    }
}
