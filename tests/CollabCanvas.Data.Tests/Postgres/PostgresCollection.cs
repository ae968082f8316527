using CollabCanvas.Tests.Postgres;

namespace CollabCanvas.Data.Tests.Postgres;

/// <summary>One throwaway Postgres server for this project's Postgres tests; each class makes a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Postgres";
}
