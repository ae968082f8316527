using CollabCanvas.Data.Entities;
using CollabCanvas.Data.Postgres;
using CollabCanvas.Data.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Rooms.Timeline;
using CollabCanvas.Tests.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Tests.Postgres;

/// <summary>
/// The data layer on a real Postgres server: the Postgres migrations apply to an empty database, and the stores the
/// app uses (room state, versions with their immutability rule, the timeline) work there as on SQLite.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private TestDbFactory factory = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await server.CreateDatabaseAsync("store");
        factory = new TestDbFactory(new DbContextOptionsBuilder<AppDbContext>().UseCollabCanvasPostgres(connectionString).Options);
        await using var db = factory.CreateDbContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_migrations_apply_on_postgres_and_leave_nothing_pending()
    {
        await using var db = factory.CreateDbContext();
        Assert.True(db.Database.IsNpgsql());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Room_state_saves_updates_and_loads_back()
    {
        var roomId = await NewRoomAsync();
        var author = Guid.NewGuid();
        var store = new EfRoomStateStore(factory, TimeProvider.System);
        var state = new RoomLiveState(
            new PromptSnapshot(3, "a fox 🦊", [new AuthorSpan(author, 0, 8)]),
            new PromptSnapshot(1, "blur", [new AuthorSpan(author, 0, 4)]),
            RoomParameters.Default with { Steps = 12, Seed = 7, Model = "emoji" },
            new Dictionary<string, string> { ["Steps"] = "Ada" },
            [new MaskStroke(Guid.NewGuid(), author, MaskTool.Eraser, 6, [new StrokePoint(1.5f, 2), new StrokePoint(3, 4)])],
            64, 48, new RoomImage([1, 2, 3], "image/png", 64, 48), IsLive: true);

        await store.SaveAsync(roomId, state, CancellationToken.None);
        await store.SaveAsync(roomId, state with { IsLive = false }, CancellationToken.None);
        var loaded = await store.LoadAsync(roomId, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal((state.Prompt.Text, state.Parameters, "Ada"), (loaded.Prompt.Text, loaded.Parameters, loaded.ParametersChangedBy["Steps"]));
        Assert.Equal(state.Prompt.Authors, loaded.Prompt.Authors);
        Assert.Equal(state.Strokes[0].Points, Assert.Single(loaded.Strokes).Points);
        Assert.Equal(new byte[] { 1, 2, 3 }, loaded.LastResult!.Bytes);
        Assert.False(loaded.IsLive);
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.RoomLiveStates.CountAsync(row => row.RoomId == roomId));
    }

    [Fact]
    public async Task Versions_list_newest_first_keep_their_time_and_refuse_any_change_but_title_and_note()
    {
        var roomId = await NewRoomAsync();
        var older = NewVersion(roomId, T0.AddMinutes(1), "older");
        var newer = NewVersion(roomId, T0.AddMinutes(2), "newer");
        await using (var db = factory.CreateDbContext())
        {
            db.RoomVersions.AddRange(older, newer);
            await db.SaveChangesAsync();
        }

        await using (var db = factory.CreateDbContext())
        {
            var listed = await db.RoomVersions.Where(version => version.RoomId == roomId).OrderByDescending(version => version.CreatedAt).ToListAsync();
            Assert.Equal(["newer", "older"], listed.Select(version => version.Title));
            Assert.Equal(T0.AddMinutes(2), listed[0].CreatedAt);

            listed[0].Title = "renamed";
            await db.SaveChangesAsync();
            listed[0].ImageHash = new string('b', 64);
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("immutable", refused.Message, StringComparison.Ordinal);
        }

        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.RoomVersions.SingleAsync(version => version.Id == newer.Id);
            Assert.Equal(("renamed", new string('a', 64)), (stored.Title, stored.ImageHash));
        }
    }

    [Fact]
    public async Task The_timeline_reads_back_in_time_order_and_a_grown_burst_is_rewritten_in_place()
    {
        var roomId = await NewRoomAsync();
        var timeline = new EfRoomTimelineStore(factory);
        var burst = Entry(T0.AddSeconds(1), TimelineKind.PromptEdited, "Ana edited the prompt");
        await timeline.SaveAsync(roomId, [burst, Entry(T0, TimelineKind.Joined, "Ana joined")], CancellationToken.None);
        await timeline.SaveAsync(roomId, [burst with { Until = T0.AddSeconds(3), Text = "Ana edited the prompt more" }], CancellationToken.None);

        var read = new List<TimelineEntry>();
        await foreach (var entry in timeline.ReadAsync(roomId, CancellationToken.None))
        {
            read.Add(entry);
        }

        Assert.Equal(["Ana joined", "Ana edited the prompt more"], read.Select(entry => entry.Text));
        Assert.Equal(T0.AddSeconds(3), read[1].Until);
    }

    private static RoomVersion NewVersion(Guid roomId, DateTimeOffset at, string title) => new()
    {
        Id = Guid.NewGuid(),
        RoomId = roomId,
        ImageHash = new string('a', 64),
        Width = 8,
        Height = 8,
        Title = title,
        CreatedAt = at,
        SavedByMemberId = Guid.NewGuid(),
        SavedByName = "Ada",
        ModelName = "tiny",
        Scheduler = "euler",
    };

    private static TimelineEntry Entry(DateTimeOffset at, TimelineKind kind, string text) =>
        new(Guid.CreateVersion7(at), at, null, kind, Guid.NewGuid(), "Ana", text, new Dictionary<string, string>());

    private async Task<Guid> NewRoomAsync()
    {
        await using var db = factory.CreateDbContext();
        var room = new Room
        {
            Id = Guid.NewGuid(),
            Name = "Studio",
            JoinCode = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(),
            CreatedByUserId = "u",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    }

    private sealed class TestDbFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
