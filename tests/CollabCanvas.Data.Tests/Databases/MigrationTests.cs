using CollabCanvas.Data.Tests.Postgres;
using CollabCanvas.Tests.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Tests.Databases;

/// <summary>Each provider's migrations apply to an empty database and leave nothing pending.</summary>
public abstract class MigrationTests : DatabaseTests
{
    /// <summary>The EF Core provider the class is named for: a class opening the wrong kind of database fails.</summary>
    protected abstract string ProviderName { get; }

    [Fact]
    public async Task The_migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        await using var db = Factory.CreateDbContext();
        Assert.Equal(ProviderName, db.Database.ProviderName);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }
}

public sealed class SqliteMigrationTests : MigrationTests
{
    protected override string ProviderName => "Microsoft.EntityFrameworkCore.Sqlite";

    protected override Task<TestDatabase> OpenDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresServer server) : MigrationTests
{
    protected override string ProviderName => "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override Task<TestDatabase> OpenDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
