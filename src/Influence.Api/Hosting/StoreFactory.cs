using Influence.Api.Options;
using Influence.Api.Security;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Storage.Neo4j;
using Microsoft.Extensions.Options;

namespace Influence.Api.Hosting;

/// <summary>Chooses the store: Neo4j when <c>Neo4j:Uri</c> is set, otherwise the embedded SQLite file in the data directory (created 0600).</summary>
public static class StoreFactory
{
    /// <summary>Neo4j settings read as the CLI reads them (<see cref="Neo4jSettings"/>): the configuration section
    /// <c>Neo4j</c> (appsettings, <c>Neo4j__*</c> variables, <c>--Neo4j:*</c> arguments), then <c>NEO4J_*</c>.</summary>
    public static IServiceCollection AddNeo4jSettings(this IServiceCollection services) =>
        services.AddSingleton<IOptions<Neo4jOptions>>(sp =>
        {
            IConfigurationSection section = sp.GetRequiredService<IConfiguration>().GetSection(Neo4jOptions.SectionName);
            return Microsoft.Extensions.Options.Options.Create(Neo4jSettings.Resolve(field => section[field], Neo4jOptions.SectionName + ":"));
        });

    public static IInfluenceStore Create(IServiceProvider services)
    {
        InfluenceOptions options = services.GetRequiredService<IOptions<InfluenceOptions>>().Value;
        Neo4jOptions neo4j = services.GetRequiredService<IOptions<Neo4jOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(neo4j.Uri))
            return new Neo4jInfluenceStore(neo4j.EnsureValid());
        string directory = PrivateFiles.EnsureDirectory(options.DataDirectory);
        // Created here, before SQLite opens it, so the store is the user's alone (0600) like the key file.
        PrivateFiles.EnsureFile(Path.Combine(directory, SqliteInfluenceStore.DefaultFileName));
        return SqliteInfluenceStore.InDataDirectory(directory);
    }
}
