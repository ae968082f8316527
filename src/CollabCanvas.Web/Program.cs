using CollabCanvas.Data;
using CollabCanvas.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCollabCanvas();

var app = builder.Build();
await DatabaseMigrator.MigrateAsync(app.Services);
app.UseCollabCanvas();
await app.RunAsync();

/// <summary>The entry point, public so integration tests can host the app.</summary>
public partial class Program;
