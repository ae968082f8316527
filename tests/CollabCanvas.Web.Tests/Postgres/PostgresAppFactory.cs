using CollabCanvas.Tests.Postgres;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CollabCanvas.Web.Tests.Postgres;

/// <summary>The real app with <c>Data:Provider</c> = Postgres, on a database of its own in the throwaway server.</summary>
public sealed class PostgresAppFactory(string connectionString) : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Data:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Default", connectionString);
    }

    public static async Task<PostgresAppFactory> CreateAsync(PostgresServer server) => new(await server.CreateDatabaseAsync("app"));
}
