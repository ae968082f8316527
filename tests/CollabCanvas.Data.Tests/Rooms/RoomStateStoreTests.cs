using CollabCanvas.Data.Rooms;
using CollabCanvas.Data.Tests.Databases;
using CollabCanvas.Data.Tests.Postgres;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Tests.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Tests.Rooms;

/// <summary><see cref="EfRoomStateStore"/> on each provider.</summary>
public abstract class RoomStateStoreTests : DatabaseTests
{
    [Fact]
    public async Task A_saved_state_loads_back_equal_in_every_part_that_matters()
    {
        var roomId = await NewRoomAsync();
        var author = Guid.NewGuid();
        var store = new EfRoomStateStore(Factory, TimeProvider.System);
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
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.RoomLiveStates.CountAsync(row => row.RoomId == roomId));
    }

    [Fact]
    public async Task Rooms_without_a_saved_state_or_that_were_deleted_have_none()
    {
        var store = new EfRoomStateStore(Factory, TimeProvider.System);
        var empty = new RoomLiveState(PromptSnapshot.Empty, PromptSnapshot.Empty, RoomParameters.Default,
            new Dictionary<string, string>(), [], 8, 8, null, false);
        var missing = Guid.NewGuid();
        var deleted = await NewRoomAsync();
        await store.SaveAsync(deleted, empty, CancellationToken.None);
        await using (var db = Factory.CreateDbContext())
        {
            db.Rooms.Remove(await db.Rooms.SingleAsync(room => room.Id == deleted));
            await db.SaveChangesAsync();
        }

        await store.SaveAsync(missing, empty, CancellationToken.None);
        await store.SaveAsync(deleted, empty, CancellationToken.None); // a save racing the deletion adds no orphan

        Assert.Null(await store.LoadAsync(missing, CancellationToken.None));
        Assert.Null(await store.LoadAsync(deleted, CancellationToken.None));
    }
}

public sealed class SqliteRoomStateStoreTests : RoomStateStoreTests
{
    protected override Task<TestDatabase> OpenDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRoomStateStoreTests(PostgresServer server) : RoomStateStoreTests
{
    protected override Task<TestDatabase> OpenDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
