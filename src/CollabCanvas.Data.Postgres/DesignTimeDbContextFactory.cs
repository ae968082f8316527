using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CollabCanvas.Data.Postgres;

/// <summary>
/// Lets `dotnet ef migrations add` (run in this folder) build the context for Postgres without a server: adding a
/// migration only compares the model with this assembly's snapshot, it never connects.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseCollabCanvasPostgres("Host=localhost;Database=collabcanvas_design").Options);
}
