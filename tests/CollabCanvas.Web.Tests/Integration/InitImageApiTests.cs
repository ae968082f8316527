using System.Net;
using System.Net.Http.Json;
using CollabCanvas.Data.Images;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>
/// The room's init image over HTTP: uploads are checked before anything decodes them and stored as PNG, members read
/// it back, Editors clear it, and every bad file or wrong person gets a clear refusal with the room unchanged.
/// </summary>
public sealed class InitImageApiTests(InitImageApiTests.World world) : IClassFixture<InitImageApiTests.World>
{
    [Fact]
    public async Task An_editor_uploads_a_png_the_room_names_it_and_members_read_it_back()
    {
        var room = await world.NewRoomAsync();
        var png = UploadImages.Png(40, 30);

        var response = await world.Editor.Client.SendAsync(UploadImages.UploadRequest(room, png));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var info = (await response.Content.ReadFromJsonAsync<InfoBody>())!;
        Assert.Equal((40, 30), (info.Width, info.Height));
        var snapshot = await world.SnapshotAsync(room);
        Assert.Equal(info.Hash, snapshot.Parameters.InitImageHash);
        Assert.Equal("Edda", snapshot.ParametersChangedBy[nameof(RoomParameters.InitImageHash)]);
        Assert.Equal((40, 30), (snapshot.MaskWidth, snapshot.MaskHeight));

        var read = await world.Viewer.Client.GetAsync($"/api/rooms/{room}/init-image");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("image/png", read.Content.Headers.ContentType!.MediaType);
        var bytes = await read.Content.ReadAsByteArrayAsync();
        Assert.Equal(info.Hash, ImageHash.Compute(bytes).Value);
        using var image = Image.Load(bytes);
        Assert.Equal((40, 30), (image.Width, image.Height));
    }

    [Fact]
    public async Task A_jpeg_is_accepted_and_stored_as_png()
    {
        var room = await world.NewRoomAsync();

        var response = await world.Editor.Client.SendAsync(UploadImages.UploadRequest(room, UploadImages.Jpeg(24, 20), "photo.jpg"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var bytes = await (await world.Editor.Client.GetAsync($"/api/rooms/{room}/init-image")).Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(PngSignature), "stored as PNG");
    }

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "11 MB", "big.png", "The file is larger than 10 MB. Upload a smaller image." },
        { "bomb", "bomb.png", "The image is 100000×100000 pixels; the largest accepted is 4096×4096." },
        { "gif", "cat.gif", "GIF images are not accepted. Upload a PNG, JPEG or WebP image." },
        { "truncated", "cut.png", "This PNG file is damaged" },
        { "text", "notes.png", "This file is not an image we can read. Upload a PNG, JPEG or WebP image." },
        { "empty", "empty.png", "The file is empty." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_files_are_refused_with_a_clear_message_and_nothing_changes(string kind, string fileName, string message)
    {
        var room = await world.NewRoomAsync();
        var file = kind switch
        {
            "11 MB" => UploadImages.RandomBytes(11 * 1024 * 1024),
            "bomb" => UploadImages.PngClaimingSize(100_000, 100_000),
            "gif" => UploadImages.Gif(),
            "truncated" => UploadImages.TruncatedPng(),
            "text" => "just some notes, not a picture\n"u8.ToArray(),
            _ => [],
        };
        var before = await world.SnapshotAsync(room);

        var response = await world.Editor.Client.SendAsync(UploadImages.UploadRequest(room, file, fileName));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        var after = await world.SnapshotAsync(room);
        Assert.Null(after.Parameters.InitImageHash);
        Assert.Equal(before.Revision, after.Revision);
    }

    [Fact]
    public async Task A_viewer_is_refused_and_a_room_that_does_not_exist_is_not_found()
    {
        var room = await world.NewRoomAsync();

        var byViewer = await world.Viewer.Client.SendAsync(UploadImages.UploadRequest(room, UploadImages.Png()));
        var noRoom = await world.Editor.Client.SendAsync(UploadImages.UploadRequest(Guid.NewGuid(), UploadImages.Png()));

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Contains("you are a Viewer", (await byViewer.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal(HttpStatusCode.NotFound, noRoom.StatusCode);
        Assert.Null((await world.SnapshotAsync(room)).Parameters.InitImageHash);
    }

    [Fact]
    public async Task Someone_outside_the_room_can_neither_read_nor_replace_its_init_image()
    {
        var room = await world.NewRoomAsync();
        var hash = await Upload(room, UploadImages.Png());
        var outsider = await People.RegisterAsync(world, "Olga");

        var read = await outsider.Client.GetAsync($"/api/rooms/{room}/init-image");
        var write = await outsider.Client.SendAsync(UploadImages.UploadRequest(room, UploadImages.Png(shade: 3)));

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(hash, (await world.SnapshotAsync(room)).Parameters.InitImageHash);
    }

    [Fact]
    public async Task An_upload_without_the_anti_forgery_header_is_refused()
    {
        var room = await world.NewRoomAsync();

        var response = await world.Editor.Client.SendAsync(UploadImages.UploadRequest(room, UploadImages.Png(), withHeader: false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-Requested-With", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Null((await world.SnapshotAsync(room)).Parameters.InitImageHash);
    }

    [Fact]
    public async Task A_request_without_a_file_says_how_to_send_one()
    {
        var room = await world.NewRoomAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/rooms/{room}/init-image")
        {
            Content = new MultipartFormDataContent { { new StringContent("hello"), "note" } },
        };
        request.Headers.Add("X-Requested-With", "test");

        var response = await world.Editor.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no file", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task Delete_clears_it_and_then_get_says_there_is_none()
    {
        var room = await world.NewRoomAsync();
        await Upload(room, UploadImages.Png());

        var byViewer = await world.Viewer.Client.DeleteAsync($"/api/rooms/{room}/init-image");
        var cleared = await world.Editor.Client.DeleteAsync($"/api/rooms/{room}/init-image");
        var read = await world.Editor.Client.GetAsync($"/api/rooms/{room}/init-image");

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("This room has no init image.", (await read.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Null((await world.SnapshotAsync(room)).Parameters.InitImageHash);
    }

    [Fact]
    public async Task The_last_result_becomes_the_init_image_in_one_call()
    {
        var room = await world.NewRoomAsync();
        var none = await world.Editor.Client.PostAsync($"/api/rooms/{room}/init-image/from-last-result", null);
        var result = UploadImages.Png(32, 32, shade: 7);
        await world.FinishGenerationAsync(room, result);

        var used = await world.Editor.Client.PostAsync($"/api/rooms/{room}/init-image/from-last-result", null);

        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Equal("No image has been generated in this room yet.", (await none.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal(ImageHash.Compute(result).Value, (await world.SnapshotAsync(room)).Parameters.InitImageHash);
    }

    private async Task<string> Upload(Guid room, byte[] file)
    {
        var response = await world.Editor.Client.SendAsync(UploadImages.UploadRequest(room, file));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<InfoBody>())!.Hash;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private sealed record InfoBody(string Hash, int Width, int Height);

    private sealed record ProblemBody(string? Detail);

    /// <summary>The app with a renderer that holds jobs (tests finish them by hand); a Facilitator, an Editor and a Viewer, signed in once.</summary>
    public sealed class World : AppFactory, IAsyncLifetime
    {
        public Person Facilitator { get; private set; } = default!;

        public Person Editor { get; private set; } = default!;

        public Person Viewer { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Facilitator = await People.RegisterAsync(this, "Fay");
            Editor = await People.RegisterAsync(this, "Edda");
            Viewer = await People.RegisterAsync(this, "Vic");
        }

        public async Task<Guid> NewRoomAsync()
        {
            var room = await People.CreateRoomAsync(this, Facilitator);
            await People.AddMemberAsync(this, Facilitator, room, Editor, RoomRole.Editor);
            await People.AddMemberAsync(this, Facilitator, room, Viewer, RoomRole.Viewer);
            return room.Id;
        }

        public Task<RoomSnapshot> SnapshotAsync(Guid roomId) => Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(roomId).GetSnapshot();

        /// <summary>Ends a job with <paramref name="png"/> as its result, as the engine would.</summary>
        public async Task FinishGenerationAsync(Guid roomId, byte[] png)
        {
            var grain = Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(roomId);
            Assert.True((await grain.Generate(new RoomCaller(Guid.NewGuid(), "Runner", RoomRole.Editor, false))).Succeeded);
            var job = (await grain.GetSnapshot()).Generation!;
            using var image = Image.Load(png);
            await grain.ReportRender(job.JobId, new RenderCompleted(new RoomImage(png, "image/png", image.Width, image.Height), 1, TimeSpan.FromSeconds(1)));
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IRoomRenderer, HoldingRenderer>());
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
