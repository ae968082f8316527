using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CollabCanvas.Data;
using CollabCanvas.Data.Images;
using CollabCanvas.Data.Provenance;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>
/// The session export over HTTP: the zip opens and holds each version as its download gives it, the manifest's tree
/// and hashes are right, the timeline tells the session in order, it is sent while it is being made, and it is
/// never another room's.
/// </summary>
public sealed class SessionExportTests(SessionExportTests.ExportApp app) : IClassFixture<SessionExportTests.ExportApp>
{
    [Fact]
    public async Task The_zip_holds_each_version_as_downloaded_with_a_manifest_of_the_tree_and_the_timeline_in_order()
    {
        var fay = await People.RegisterAsync(app, "Fay");
        var eli = await People.RegisterAsync(app, "Eli");
        var room = await People.CreateRoomAsync(app, fay, "Fox studio");
        var eliMember = await People.AddMemberAsync(app, fay, room, eli, RoomRole.Editor);
        await app.Grain(room.Id).Connect(new RoomCaller(eliMember, "Eli", RoomRole.Editor, false));
        await Ok(eli.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/prompt", new
        {
            field = "Prompt",
            edit = new { editId = Guid.NewGuid(), baseRevision = 0, operation = new { steps = new[] { new { kind = "Insert", count = 9, text = "a red fox" } } } },
        }));
        var first = await app.GenerateAndSaveAsync(fay, eli, room.Id, "Fox <1>", seed: 1);
        var second = await app.GenerateAndSaveAsync(fay, eli, room.Id, "Fox at dawn", seed: 2);
        var child = await app.InsertChildVersionAsync(room.Id, first, "Fox, again");

        var response = await eli.Client.GetAsync($"/api/rooms/{room.Id}/export.zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("fox-studio-session-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        string[] stems = [$"versions/01-fox-1-{first:N}", $"versions/02-fox-at-dawn-{second:N}", $"versions/03-fox-again-{child:N}"];
        Assert.Equal(
            [.. stems.SelectMany(stem => new[] { stem + ".png", stem + ".json" }), "manifest.json", "timeline.json", "timeline.md"],
            zip.Entries.Select(entry => entry.FullName));

        var ids = new[] { first, second, child };
        for (var i = 0; i < ids.Length; i++)
        {
            var png = Read(zip, stems[i] + ".png");
            Assert.Equal(await eli.Client.GetByteArrayAsync($"/api/rooms/{room.Id}/versions/{ids[i]}/image.png"), png);
            Assert.Equal("a red fox", PngProvenanceReader.ReadRecipe(png).Prompt);
            Assert.Equal(await eli.Client.GetStringAsync($"/api/rooms/{room.Id}/versions/{ids[i]}/recipe.json"), Text(zip, stems[i] + ".json"));
        }

        using var manifest = JsonDocument.Parse(Text(zip, "manifest.json"));
        Assert.Equal("Fox studio", manifest.RootElement.GetProperty("room").GetProperty("name").GetString());
        Assert.Equal("Eli", manifest.RootElement.GetProperty("exportedBy").GetString());
        Assert.Equal([first, second], manifest.RootElement.GetProperty("roots").EnumerateArray().Select(id => id.GetGuid()));
        var versions = manifest.RootElement.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(ids, versions.Select(v => v.GetProperty("id").GetGuid()));
        Assert.Equal(first, versions[2].GetProperty("parentId").GetGuid());
        Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("parentId").ValueKind);
        Assert.Equal([child], versions[0].GetProperty("childIds").EnumerateArray().Select(id => id.GetGuid()));
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(stems[i] + ".png", versions[i].GetProperty("image").GetString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Read(zip, stems[i] + ".png"))), versions[i].GetProperty("imageSha256").GetString());
        }

        var credits = versions[1].GetProperty("contributors").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (Ran: c.GetProperty("ran").GetBoolean(), Saved: c.GetProperty("saved").GetBoolean()));
        Assert.Equal((true, false), credits["Fay"]);
        Assert.Equal((false, true), credits["Eli"]);

        using var timeline = JsonDocument.Parse(Text(zip, "timeline.json"));
        var texts = timeline.RootElement.EnumerateArray().Select(entry => entry.GetProperty("text").GetString()!).ToList();
        AssertInOrder(texts,
            "Fay made Eli an Editor",
            "Eli joined",
            "Eli edited the prompt: +9 / −0 characters",
            "Fay queued a generation (20 steps)",
            "Fay's generation completed: seed 1, 1.0 s",
            "Eli saved version “Fox <1>”",
            "Fay queued a generation (20 steps)",
            "Fay's generation completed: seed 2, 1.0 s",
            "Eli saved version “Fox at dawn”");
        var saved = timeline.RootElement.EnumerateArray().First(entry => entry.GetProperty("kind").GetString() == "VersionSaved");
        Assert.Equal(first.ToString(), saved.GetProperty("details").GetProperty("version").GetString());
        Assert.Contains("Eli saved version “Fox &lt;1&gt;”", Text(zip, "timeline.md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_zip_reaches_the_client_while_the_server_is_still_reading_the_images()
    {
        var fay = await People.RegisterAsync(app, "Fay");
        var room = await People.CreateRoomAsync(app, fay, "Big room");
        const int count = 12;
        for (var i = 0; i < count; i++)
        {
            await app.GenerateAndSaveAsync(fay, fay, room.Id, $"Take {i}", seed: 100 + i);
        }

        var (lastHash, earlierBytes) = await app.ImageSizesAsync(room.Id);
        using var gate = app.Images.Hold(lastHash);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await fay.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"/api/rooms/{room.Id}/export.zip"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var received = new MemoryStream();

        // The client reads all along (the server's writes wait for it when the pipe is full). Every earlier image
        // must reach it while the server waits to read the last one: a zip built in memory first would send nothing
        // yet, and this would time out.
        long receivedBytes = 0;
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                Interlocked.Add(ref receivedBytes, read);
            }
        });
        await gate.Reached.WaitAsync(timeout.Token);
        while (Interlocked.Read(ref receivedBytes) < earlierBytes)
        {
            Assert.False(reading.IsCompleted, $"the response ended after {Interlocked.Read(ref receivedBytes)} bytes");
            await Task.Delay(20, timeout.Token);
        }

        Assert.False(gate.Released || gate.TimedOut);
        gate.Release();
        await reading;
        received.Position = 0;
        using var zip = new ZipArchive(received, ZipArchiveMode.Read);
        Assert.Equal(count, zip.Entries.Count(entry => entry.FullName.EndsWith(".png", StringComparison.Ordinal)));
        Assert.Equal(count, JsonDocument.Parse(Text(zip, "manifest.json")).RootElement.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task Another_rooms_export_is_refused_and_an_unknown_room_is_not_found()
    {
        var fay = await People.RegisterAsync(app, "Fay");
        var nora = await People.RegisterAsync(app, "Nora");
        var fays = await People.CreateRoomAsync(app, fay, "Private");
        await app.GenerateAndSaveAsync(fay, fay, fays.Id, "Secret", seed: 9);
        var noras = await People.CreateRoomAsync(app, nora, "Nora's");
        var guest = await People.JoinAsGuestAsync(app, noras.Code, "Gus");

        foreach (var stranger in new[] { nora, guest })
        {
            var refused = await stranger.Client.GetAsync($"/api/rooms/{fays.Id}/export.zip");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("Secret", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await fay.Client.GetAsync($"/api/rooms/{Guid.NewGuid()}/export.zip")).StatusCode);

        // Nora's own export holds nothing of Fay's room.
        using var zip = new ZipArchive(new MemoryStream(await nora.Client.GetByteArrayAsync($"/api/rooms/{noras.Id}/export.zip")), ZipArchiveMode.Read);
        Assert.DoesNotContain(zip.Entries, entry => entry.FullName.StartsWith("versions/", StringComparison.Ordinal));
        Assert.DoesNotContain("Fay", Text(zip, "timeline.json"), StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", Text(zip, "manifest.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_versions_panel_offers_the_export_to_editors_and_not_to_viewers()
    {
        var fay = await People.RegisterAsync(app, "Fay");
        var vic = await People.RegisterAsync(app, "Vic");
        var room = await People.CreateRoomAsync(app, fay, "Shown");
        await People.AddMemberAsync(app, fay, room, vic, RoomRole.Viewer);

        Assert.Contains($"api/rooms/{room.Id}/export.zip", await fay.Client.GetStringAsync($"/rooms/{room.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain("export.zip", await vic.Client.GetStringAsync($"/rooms/{room.Id}"), StringComparison.Ordinal);
    }

    private static void AssertInOrder(IReadOnlyList<string> actual, params string[] expected)
    {
        var at = 0;
        foreach (var text in expected)
        {
            var found = actual.Skip(at).ToList().IndexOf(text);
            Assert.True(found >= 0, $"“{text}” missing after position {at} in:\n{string.Join("\n", actual)}");
            at += found + 1;
        }
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static string Text(ZipArchive zip, string name) => System.Text.Encoding.UTF8.GetString(Read(zip, name));

    private static async Task<JsonDocument> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body.Length == 0 ? "{}" : body);
    }

    /// <summary>The app with a renderer the test completes by hand and an image store whose reads can be held.</summary>
    public sealed class ExportApp : AppFactory
    {
        public GatedImageStore Images => Services.GetRequiredService<GatedImageStore>();

        public IRoomGrain Grain(Guid roomId) => Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(roomId);

        /// <summary><paramref name="runner"/> generates, the job completes with a distinct noisy PNG, <paramref name="saver"/> saves it.</summary>
        public async Task<Guid> GenerateAndSaveAsync(Person runner, Person saver, Guid roomId, string title, int seed)
        {
            Assert.True((await runner.Client.PostAsync($"/api/rooms/{roomId}/generate", null)).IsSuccessStatusCode);
            var job = (await Grain(roomId).GetSnapshot()).Generation!;
            await Grain(roomId).ReportRender(job.JobId, new RenderCompleted(new RoomImage(NoisyPng(seed), "image/png", 64, 64), seed, TimeSpan.FromSeconds(1)));
            using var saved = await Ok(saver.Client.PostAsJsonAsync($"/api/rooms/{roomId}/versions", new { title }));
            return saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();
        }

        /// <summary>A version made from <paramref name="parentId"/> (as a restore or img2img would), written as saving does.</summary>
        public async Task<Guid> InsertChildVersionAsync(Guid roomId, Guid parentId, string title)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var parent = await db.RoomVersions.AsNoTracking().SingleAsync(v => v.Id == parentId && v.RoomId == roomId);
            var child = parent;
            child.Id = Guid.NewGuid();
            child.ParentVersionId = parentId;
            child.Title = title;
            child.CreatedAt = DateTimeOffset.UtcNow;
            db.RoomVersions.Add(child);
            await db.SaveChangesAsync();
            return child.Id;
        }

        /// <summary>The last-saved version's image hash, and the stored size of all the others' images.</summary>
        public async Task<(ImageHash Last, long EarlierBytes)> ImageSizesAsync(Guid roomId)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var hashes = (await db.RoomVersions.AsNoTracking().Where(v => v.RoomId == roomId).ToListAsync())
                .OrderBy(v => v.CreatedAt).Select(v => ImageHash.Parse(v.ImageHash)).ToList();
            long earlier = 0;
            foreach (var hash in hashes.SkipLast(1))
            {
                await using var image = (await Images.OpenReadAsync(hash))!;
                earlier += image.Length;
            }

            return (hashes[^1], earlier);
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IRoomRenderer, HoldingRenderer>();
                services.AddSingleton(provider => new GatedImageStore(ActivatorUtilities.CreateInstance<FileSystemImageStore>(provider)));
                services.AddSingleton<IImageStore>(provider => provider.GetRequiredService<GatedImageStore>());
            });
        }

        /// <summary>64×64 pixels of seeded noise: distinct per seed and barely compressible, like a real result.</summary>
        private static byte[] NoisyPng(int seed)
        {
            var random = new Random(seed);
            using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(64, 64);
            for (var y = 0; y < 64; y++)
            {
                for (var x = 0; x < 64; x++)
                {
                    image[x, y] = new SixLabors.ImageSharp.PixelFormats.Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }

            using var bytes = new MemoryStream();
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, bytes);
            return bytes.ToArray();
        }
    }
}

/// <summary>The app's image store, except that reading one chosen image can be held until the test lets it go.</summary>
public sealed class GatedImageStore(IImageStore inner) : IImageStore
{
    private volatile Gate? _gate;

    /// <summary>Holds reads of <paramref name="hash"/> until the returned gate is released (or disposed).</summary>
    public Gate Hold(ImageHash hash) => _gate = new Gate(hash, () => _gate = null);

    public async Task<Stream?> OpenReadAsync(ImageHash hash, CancellationToken cancellationToken = default)
    {
        if (_gate is { } gate && gate.Hash == hash)
        {
            gate.Arrive();
            // Never hold the server forever, even when a test fails before releasing.
            await gate.Opened.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            gate.TimedOut |= !gate.Released;
        }

        return await inner.OpenReadAsync(hash, cancellationToken);
    }

    public Task<StoredImage> SaveAsync(ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default) => inner.SaveAsync(png, cancellationToken);

    public bool Contains(ImageHash hash) => inner.Contains(hash);

    public Task<Stream?> OpenThumbnailAsync(ImageHash hash, int? maxSide = null, CancellationToken cancellationToken = default) =>
        inner.OpenThumbnailAsync(hash, maxSide, cancellationToken);

    public Task<ImageStoreSweepResult> SweepAsync(IReadOnlySet<ImageHash> referencedHashes, CancellationToken cancellationToken = default) =>
        inner.SweepAsync(referencedHashes, cancellationToken);

    public sealed class Gate(ImageHash hash, Action removed) : IDisposable
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ImageHash Hash { get; } = hash;

        /// <summary>Completes when the server asks for the held image.</summary>
        public Task Reached => _reached.Task;

        public Task Opened => _opened.Task;

        public bool Released => _opened.Task.IsCompleted;

        /// <summary>The server gave up waiting: whatever happened after says nothing about streaming.</summary>
        public bool TimedOut { get; set; }

        public void Release() => _opened.TrySetResult();

        public void Dispose()
        {
            Release();
            removed();
        }

        internal void Arrive() => _reached.TrySetResult();
    }
}
