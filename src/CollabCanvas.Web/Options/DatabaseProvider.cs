namespace CollabCanvas.Web.Options;

/// <summary>Which database the app keeps its data in (<c>Data:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file (the default; <c>data/collabcanvas.db</c>).</summary>
    Sqlite,

    /// <summary>A Postgres server named by <c>ConnectionStrings:Default</c>.</summary>
    Postgres,
}
