using CollabCanvas.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Tests.Databases;

/// <summary>
/// Base of the tests written once and run on every database provider: each abstract test class has one concrete
/// class per provider (SQLite, and Postgres in <see cref="Postgres.PostgresCollection"/>), which only says where
/// <see cref="OpenDatabaseAsync"/> makes each test's empty, migrated database.
/// </summary>
public abstract class DatabaseTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private TestDatabase? database;

    protected TestDatabase Database => database ?? throw new InvalidOperationException("The database is made in InitializeAsync.");

    protected IDbContextFactory<AppDbContext> Factory => Database.Factory;

    public async Task InitializeAsync() => database = await OpenDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    protected abstract Task<TestDatabase> OpenDatabaseAsync();

    protected async Task<Guid> NewRoomAsync()
    {
        await using var db = Factory.CreateDbContext();
        var room = new Room
        {
            Id = Guid.NewGuid(),
            Name = "Studio",
            JoinCode = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), // unique per room, as the app's are
            CreatedByUserId = "u",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    }
}
