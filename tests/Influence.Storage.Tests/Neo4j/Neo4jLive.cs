using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage.Neo4j;

namespace Influence.Storage.Tests.Neo4j;

/// <summary>
/// Live Neo4j tests run only when a Neo4j URI is configured as the CLI and service read it (<c>Neo4j__Uri</c> or
/// <c>NEO4J_URI</c>, with the user, password and database; docs/neo4j.md). They DELETE every Influence node (:Account, :AnalysisRun,
/// :AccountResult, :CommunityResult, :InfluenceState) of that database: point them at a throwaway server,
/// e.g. <c>docker compose up neo4j</c>.
/// </summary>
public static class Neo4jLive
{
    public const string Collection = "neo4j-live";

    public static Neo4jOptions? Options { get; } = Neo4jOptions.FromEnvironment();

    public static string? SkipReason { get; } = Options is null
        ? "Neo4j__Uri (or NEO4J_URI) is not set: live Neo4j tests skipped (docker compose up -d neo4j, then set Neo4j__Uri=http://localhost:7474 and Neo4j__Password; the suite wipes Influence data in that database)."
        : null;

    /// <summary>Deletes every Influence node of the database, in batches.</summary>
    public static async Task WipeAsync(Neo4jQueryClient client)
    {
        while (true)
        {
            using var result = await client.RunAsync("""
                MATCH (n) WHERE n:Account OR n:AnalysisRun OR n:AccountResult OR n:CommunityResult OR n:InfluenceState
                WITH n LIMIT 10000
                DETACH DELETE n
                RETURN count(*) AS deleted
                """);
            if (result.Single().GetInt64("deleted") == 0) return;
        }
    }
}

/// <summary>Live tests share one database: never in parallel with each other.</summary>
[CollectionDefinition(Neo4jLive.Collection, DisableParallelization = true)]
public sealed class Neo4jLiveCollection;

/// <summary>The store contract suite on a real Neo4j server (skipped without NEO4J_URI).</summary>
[Collection(Neo4jLive.Collection)]
public sealed class Neo4jStoreContractTests : StoreContractTests
{
    protected override string? SkipReason => Neo4jLive.SkipReason;

    protected override async Task<IInfluenceStore> CreateStoreAsync()
    {
        var store = new Neo4jInfluenceStore(Neo4jLive.Options! with { InitialRetryDelay = TimeSpan.FromMilliseconds(50) });
        await Neo4jLive.WipeAsync(store.Client);
        return store;
    }
}

/// <summary>Every analyst query and loader on a real server, over data the store wrote back (skipped without NEO4J_URI).</summary>
[Collection(Neo4jLive.Collection)]
public sealed class Neo4jLiveCypherTests
{
    private static async Task<Neo4jInfluenceStore> SeededStoreAsync()
    {
        Skip.If(Neo4jLive.SkipReason is not null, Neo4jLive.SkipReason);
        var store = new Neo4jInfluenceStore(Neo4jLive.Options!);
        await Neo4jLive.WipeAsync(store.Client);
        await store.InitializeAsync();
        await store.IngestAsync(new IngestBatch(
            [new("alice", "bob"), new("bob", "alice"), new("carol", "alice"), new("dave", "alice")], [],
            [new("bob", "alice", InteractionKind.Reply, 100), new("carol", "alice", InteractionKind.Share, null, 3, 0.75)]));
        var run = await store.BeginRunAsync(null);
        await store.CompleteRunAsync(run.Id, StoreContractTests.SampleResult(["alice", "bob", "carol", "dave"], 0));
        return store;
    }

    [SkippableFact]
    public async Task Analyst_queries_run_and_read_the_written_back_figures()
    {
        await using var store = await SeededStoreAsync();
        var client = store.Client;
        var sample = StoreContractTests.SampleResult(["alice", "bob", "carol", "dave"], 0);

        using (var figures = await client.RunAsync(CypherScripts.Get("queries/account-figures"), new CypherParameters { { "account", "bob" } }, Neo4jAccessMode.Read))
        {
            var row = figures.Single();
            Assert.Equal(sample.Accounts[1].Followers, row.GetInt64("followers"));
            Assert.Equal(sample.Accounts[1].FollowBackRate, row.GetDouble("reciprocity"));
            Assert.Equal(RoleNames.Name(sample.Accounts[1].Role), row.GetString("role"));
        }
        int community = sample.Accounts[1].Community;
        using (var top = await client.RunAsync(CypherScripts.Get("queries/top-influencers-of-community"),
                   new CypherParameters { { "community", community }, { "k", 10 } }, Neo4jAccessMode.Read))
            Assert.Equal("bob", top.Single().GetString("account"));
        using (var defenders = await client.RunAsync(CypherScripts.Get("queries/defenders-of-account"),
                   new CypherParameters { { "account", "alice" } }, Neo4jAccessMode.Read))
            Assert.Equal(["bob", "carol"], defenders.Rows.Select(r => r.GetString("defender")));   // equal strength: by id
        using (var popularity = await client.RunAsync(CypherScripts.Get("queries/popularity-vs-influence"),
                   new CypherParameters { { "limit", 10 } }, Neo4jAccessMode.Read))
            Assert.Equal(4, popularity.RowCount);
        using (var reciprocity = await client.RunAsync(CypherScripts.Get("queries/community-reciprocity"),
                   new CypherParameters { { "community", community } }, Neo4jAccessMode.Read))
            Assert.Equal(1, reciprocity.Single().GetInt64("members"));
        using (var roles = await client.RunAsync(CypherScripts.Get("queries/celebrities-vs-micro-influencers"), null, Neo4jAccessMode.Read))
            Assert.All(roles.Rows, r => Assert.True(r.GetInt64("accounts") > 0));
    }

    [SkippableFact]
    public async Task A_failing_statement_does_not_disturb_what_is_stored()
    {
        await using var store = await SeededStoreAsync();

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => store.Client.RunAsync("RETRN 1"));

        Assert.Equal("Neo.ClientError.Statement.SyntaxError", error.Code);
        Assert.Equal(4, (await store.GetStatsAsync()).Accounts);
    }
}
