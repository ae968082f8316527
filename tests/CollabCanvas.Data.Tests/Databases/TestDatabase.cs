using CollabCanvas.Data.Postgres;
using CollabCanvas.Tests.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Tests.Databases;

/// <summary>
/// An empty database with every migration applied, on one of the providers the app supports, for one test: an
/// in-memory SQLite database, or a database of its own on the throwaway Postgres server.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    // An in-memory SQLite database lives only as long as a connection to it is open: the test's is held to the end.
    private readonly SqliteConnection? sqliteConnection;

    private TestDatabase(DbContextOptions<AppDbContext> options, SqliteConnection? sqliteConnection)
    {
        Factory = new OptionsFactory(options);
        this.sqliteConnection = sqliteConnection;
    }

    public IDbContextFactory<AppDbContext> Factory { get; }

    public static async Task<TestDatabase> SqliteAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options;
        return await MigratedAsync(new TestDatabase(options, connection));
    }

    public static async Task<TestDatabase> PostgresAsync(PostgresServer server)
    {
        var connectionString = await server.CreateDatabaseAsync("store");
        var options = new DbContextOptionsBuilder<AppDbContext>().UseCollabCanvasPostgres(connectionString).Options;
        return await MigratedAsync(new TestDatabase(options, sqliteConnection: null));
    }

    // The Postgres database is left on the server, which is deleted whole when the test run ends.
    public async ValueTask DisposeAsync()
    {
        if (sqliteConnection is not null)
        {
            await sqliteConnection.DisposeAsync();
        }
    }

    private static async Task<TestDatabase> MigratedAsync(TestDatabase database)
    {
        try
        {
            await using var db = database.Factory.CreateDbContext();
            await db.Database.MigrateAsync();
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private sealed class OptionsFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
