using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Postgres;

/// <summary>Points <see cref="AppDbContext"/> at Postgres, with the migrations of this assembly (not the SQLite ones).</summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder UseCollabCanvasPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));

    /// <inheritdoc cref="UseCollabCanvasPostgres(DbContextOptionsBuilder, string)"/>
    public static DbContextOptionsBuilder<AppDbContext> UseCollabCanvasPostgres(this DbContextOptionsBuilder<AppDbContext> options, string connectionString)
    {
        ((DbContextOptionsBuilder)options).UseCollabCanvasPostgres(connectionString);
        return options;
    }
}
