using Influence.Api.Options;
using Influence.Storage;
using Microsoft.Extensions.Options;

namespace Influence.Api.Serving;

/// <summary>Chooses the store: Neo4j when <c>Neo4j:Uri</c> is set, otherwise the embedded SQLite file in the data directory.</summary>
public static class StoreFactory
{
    public static IInfluenceStore Create(IServiceProvider services)
    {
        InfluenceOptions options = services.GetRequiredService<IOptions<InfluenceOptions>>().Value;
        Neo4jSettings neo4j = services.GetRequiredService<IOptions<Neo4jSettings>>().Value;
        if (!string.IsNullOrWhiteSpace(neo4j.Uri))
            throw new NotImplementedException("waiting for Neo4jInfluenceStore");
        return SqliteInfluenceStore.InDataDirectory(Path.GetFullPath(options.DataDirectory));
    }
}
