using CollabCanvas.Data.Entities;
using CollabCanvas.Data.Tests.Databases;
using CollabCanvas.Data.Tests.Postgres;
using CollabCanvas.Tests.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Tests.Rooms;

/// <summary>Saved versions on each provider: ordered by time, and immutable but for title and note.</summary>
public abstract class RoomVersionTests : DatabaseTests
{
    [Fact]
    public async Task Versions_list_newest_first_keep_their_time_and_refuse_any_change_but_title_and_note()
    {
        var roomId = await NewRoomAsync();
        var older = NewVersion(roomId, T0.AddMinutes(1), "older");
        var newer = NewVersion(roomId, T0.AddMinutes(2), "newer");
        await using (var db = Factory.CreateDbContext())
        {
            db.RoomVersions.AddRange(older, newer);
            await db.SaveChangesAsync();
        }

        await using (var db = Factory.CreateDbContext())
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

        await using (var db = Factory.CreateDbContext())
        {
            var stored = await db.RoomVersions.SingleAsync(version => version.Id == newer.Id);
            Assert.Equal(("renamed", new string('a', 64)), (stored.Title, stored.ImageHash));
        }
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
}

public sealed class SqliteRoomVersionTests : RoomVersionTests
{
    protected override Task<TestDatabase> OpenDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRoomVersionTests(PostgresServer server) : RoomVersionTests
{
    protected override Task<TestDatabase> OpenDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
