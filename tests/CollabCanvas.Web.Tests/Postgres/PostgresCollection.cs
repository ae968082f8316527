using CollabCanvas.Tests.Postgres;

namespace CollabCanvas.Web.Tests.Postgres;

/// <summary>One throwaway Postgres server for this project's Postgres tests.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Postgres";
}
