using CollabCanvas.Data.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Tests.Postgres;

/// <summary>
/// The model and each provider's migrations agree: an entity change without a migration for SQLite (in
/// CollabCanvas.Data) and for Postgres (in CollabCanvas.Data.Postgres) fails here. Neither needs a server.
/// </summary>
public sealed class PendingModelChangesTests
{
    [Fact]
    public void The_sqlite_migrations_cover_the_model()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no SQLite migration holds: cd src/CollabCanvas.Data && dotnet ef migrations add <Name> -o Migrations");
    }

    [Fact]
    public void The_postgres_migrations_cover_the_model()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseCollabCanvasPostgres("Host=localhost;Database=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no Postgres migration holds: cd src/CollabCanvas.Data.Postgres && dotnet ef migrations add <Name> -o Migrations");
        Assert.Contains(db.Database.GetMigrations(), migration => migration.Length > 0);
    }
}
