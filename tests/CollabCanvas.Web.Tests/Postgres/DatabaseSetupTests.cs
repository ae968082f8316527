using CollabCanvas.Data;
using CollabCanvas.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CollabCanvas.Web.Tests.Postgres;

/// <summary>Data:Provider picks the EF provider; a missing or mismatched setting is a clear error at start, never a guess.</summary>
public sealed class DatabaseSetupTests
{
    [Theory]
    [InlineData(null, "Data Source=x.db", "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData("Sqlite", null, "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData("Postgres", "Host=db;Database=cc", "Npgsql.EntityFrameworkCore.PostgreSQL")]
    [InlineData("postgres", "Host=db;Database=cc", "Npgsql.EntityFrameworkCore.PostgreSQL")]
    public void The_provider_setting_picks_the_database(string? provider, string? connectionString, string expected)
    {
        using var db = new AppDbContext(Configure(provider, connectionString).Options);
        Assert.Equal(expected, db.Database.ProviderName);
    }

    [Fact]
    public void A_relative_sqlite_file_is_under_the_content_root()
    {
        using var db = new AppDbContext(Configure("Sqlite", "Data Source=data/app.db").Options);
        Assert.Contains(Path.Combine("/srv/cc", "data", "app.db"), db.Database.GetConnectionString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Oracle", "Data Source=x.db", "must be Sqlite or Postgres")]
    [InlineData("Postgres", null, "must be a Postgres connection string")]
    [InlineData("Sqlite", "Host=db;Database=cc", "set Data:Provider to Postgres")]
    public void A_wrong_setting_says_what_to_fix(string provider, string? connectionString, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(provider, connectionString));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static DbContextOptionsBuilder<AppDbContext> Configure(string? provider, string? connectionString)
    {
        var settings = new Dictionary<string, string?> { ["Data:Provider"] = provider, ["ConnectionStrings:Default"] = connectionString };
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "/srv/cc");
        return options;
    }
}
