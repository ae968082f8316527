using CollabCanvas.Data.Entities;
using CollabCanvas.Data.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Tests.Rooms;

public sealed class EfRoomStateStoreTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly TestDbFactory _factory;

    public EfRoomStateStoreTests()
    {
        _connection.Open();
        _factory = new TestDbFactory(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(_connection).Options);
        using var db = _factory.CreateDbContext();
        db.Database.Migrate();
    }

    [Fact]
    public async Task A_saved_state_loads_back_equal_in_every_part_that_matters()
    {
        var roomId = await NewRoomAsync();
        var author = Guid.NewGuid();
        var store = new EfRoomStateStore(_factory, TimeProvider.System);
        var state = new RoomLiveState(
            new PromptSnapshot(3, "a fox 🦊", [new AuthorSpan(author, 0, 8)]),
            new PromptSnapshot(1, "blur", [new AuthorSpan(author, 0, 4)]),
            RoomParameters.Default with { Steps = 12, Seed = 7, Model = "emoji" },
            new Dictionary<string, string> { ["Steps"] = "Ada" },
            [new MaskStroke(Guid.NewGuid(), author, MaskTool.Eraser, 6, [new StrokePoint(1.5f, 2), new StrokePoint(3, 4)])],
            64, 48, new RoomImage([1, 2, 3], "image/png", 64, 48), IsLive: true);

        await store.SaveAsync(roomId, state, CancellationToken.None);
        await store.SaveAsync(roomId, state with { IsLive = false }, CancellationToken.None); // an update, not a second row
        var loaded = await store.LoadAsync(roomId, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(state.Prompt.Text, loaded.Prompt.Text);
        Assert.Equal(state.Prompt.Authors, loaded.Prompt.Authors);
        Assert.Equal(state.Parameters, loaded.Parameters);
        Assert.Equal("Ada", loaded.ParametersChangedBy["Steps"]);
        var stroke = Assert.Single(loaded.Strokes);
        Assert.Equal(MaskTool.Eraser, stroke.Tool);
        Assert.Equal(state.Strokes[0].Points, stroke.Points);
        Assert.Equal((64, 48), (loaded.MaskWidth, loaded.MaskHeight));
        Assert.Equal(new byte[] { 1, 2, 3 }, loaded.LastResult!.Bytes);
        Assert.False(loaded.IsLive);
    }

    [Fact]
    public async Task Rooms_without_a_saved_state_or_that_were_deleted_have_none()
    {
        var store = new EfRoomStateStore(_factory, TimeProvider.System);
        var missing = Guid.NewGuid();

        await store.SaveAsync(missing, new RoomLiveState(PromptSnapshot.Empty, PromptSnapshot.Empty, RoomParameters.Default,
            new Dictionary<string, string>(), [], 8, 8, null, false), CancellationToken.None);

        Assert.Null(await store.LoadAsync(missing, CancellationToken.None));
    }

    private async Task<Guid> NewRoomAsync()
    {
        await using var db = _factory.CreateDbContext();
        var room = new Room { Id = Guid.NewGuid(), Name = "Studio", JoinCode = "ABCDEF", CreatedByUserId = "u", CreatedAt = DateTimeOffset.UtcNow };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    }

    public void Dispose() => _connection.Dispose();

    private sealed class TestDbFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
