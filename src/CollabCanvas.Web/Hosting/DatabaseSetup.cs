using CollabCanvas.Data;
using CollabCanvas.Data.Postgres;
using CollabCanvas.Web.Options;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Web.Hosting;

/// <summary>
/// The database: <c>Data:Provider</c> picks SQLite (the default, a file under <c>data/</c>) or Postgres, and
/// <c>ConnectionStrings:Default</c> is that provider's connection string. Each provider has its own migrations
/// (SQLite's in CollabCanvas.Data, Postgres's in CollabCanvas.Data.Postgres), applied at start.
/// </summary>
internal static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=data/collabcanvas.db";

    public static IServiceCollection AddAppDatabase(this IServiceCollection services)
    {
        // Read at resolve time, not now, so hosts and tests can override configuration after this call.
        services.AddDbContextFactory<AppDbContext>((provider, options) => Configure(
            options,
            provider.GetRequiredService<IConfiguration>(),
            provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        return services;
    }

    /// <exception cref="InvalidOperationException">The provider or its connection string is missing or does not fit.</exception>
    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration.GetSection(DataOptions.SectionName).GetValue<string>(nameof(DataOptions.Provider));
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals(nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase))
        {
            options.UseSqlite(ResolveSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnection : connectionString, contentRoot));
        }
        else if (provider.Equals(nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Data:Provider is Postgres, so ConnectionStrings:Default must be a Postgres connection string (Host=…;Database=…;Username=…;Password=…).");
            }

            options.UseCollabCanvasPostgres(connectionString);
        }
        else
        {
            throw new InvalidOperationException($"Data:Provider is '{provider}'; it must be Sqlite or Postgres.");
        }
    }

    /// <summary>A relative SQLite path is relative to the content root, not to wherever the process started.</summary>
    private static string ResolveSqlite(string connectionString, string contentRoot)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:Default is not a SQLite connection string ({exception.Message}). For Postgres, set Data:Provider to Postgres.", exception);
        }

        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        }

        return builder.ToString();
    }
}
