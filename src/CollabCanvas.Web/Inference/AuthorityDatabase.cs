using Microsoft.Data.Sqlite;

namespace CollabCanvas.Web.Inference;

/// <summary>
/// A named in-memory SQLite database for the authority. SQLite drops a memory database when its last connection
/// closes, so this holds one open for the app's lifetime; each DbContext opens its own connection to the same name.
/// The name is unique per app instance (tests host several apps in one process).
/// </summary>
internal sealed class AuthorityDatabase : IDisposable
{
    private readonly SqliteConnection _keepAlive;

    public AuthorityDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"collabcanvas-authority-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        _keepAlive = new SqliteConnection(ConnectionString);
        _keepAlive.Open();
    }

    public string ConnectionString { get; }

    public void Dispose() => _keepAlive.Dispose();
}
