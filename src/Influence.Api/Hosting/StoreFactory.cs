using Influence.Api.Options;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Storage.Neo4j;
using Microsoft.Extensions.Options;

namespace Influence.Api.Hosting;

/// <summary>Chooses the store: Neo4j when <c>Neo4j:Uri</c> is set, otherwise the embedded SQLite file in the data directory.</summary>
public static class StoreFactory
{
    public static IInfluenceStore Create(IServiceProvider services)
    {
        InfluenceOptions options = services.GetRequiredService<IOptions<InfluenceOptions>>().Value;
        Neo4jOptions neo4j = services.GetRequiredService<IOptions<Neo4jOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(neo4j.Uri))
            return new Neo4jInfluenceStore(neo4j.EnsureValid());
        return SqliteInfluenceStore.InDataDirectory(Path.GetFullPath(options.DataDirectory));
    }
}
