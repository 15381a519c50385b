using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Storage.Neo4j;

namespace Influence.Storage.Tests.Neo4j;

/// <summary>
/// What the Neo4j store sends over the wire, checked against a local HTTP server that answers like the
/// Query API: which Cypher files, how batches are cut, that a batch is one explicit transaction that is
/// rolled back on failure, and that reads page. (Semantics against a real server: Neo4jStoreContractTests.)
/// </summary>
public sealed class Neo4jStoreProtocolTests
{
    private static readonly Dictionary<string, string> s_scriptOfStatement =
        CypherScripts.Names.ToDictionary(CypherScripts.Get, n => n);

    private static string Script(RecordedRequest r) =>
        r.Statement is { } s && s_scriptOfStatement.TryGetValue(s, out var name) ? name : $"{r.Method} {r.Path}";

    private static Neo4jInfluenceStore Store(FakeQueryApiServer server, int batch = 5_000, int relationshipBatch = 2_000) =>
        new(new Neo4jOptions
        {
            Uri = server.Uri, Password = "password1", BatchSize = batch, RelationshipBatchSize = relationshipBatch,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        });

    private static FakeResponse Transactional(RecordedRequest r, Func<string, FakeResponse> statement) => (r.Method, r.Path) switch
    {
        ("POST", "/db/neo4j/query/v2/tx") => new FakeResponse(202, """{"transaction":{"id":"t1","expires":"x"}}""",
            new Dictionary<string, string> { ["neo4j-cluster-affinity"] = "aff-1" }),
        ("POST", "/db/neo4j/query/v2/tx/t1/commit") => FakeResponse.Ok("""{"bookmarks":["FB:1"]}"""),
        ("DELETE", "/db/neo4j/query/v2/tx/t1") => FakeResponse.Ok(""),
        _ => statement(Script(r)),
    };

    [Fact]
    public async Task InitializeAsync_sends_each_schema_file_as_one_statement()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok("""{"data":{"fields":[],"values":[]},"counters":{"constraintsAdded":1}}"""));
        await using var store = Store(server);

        await store.InitializeAsync();

        Assert.Equal(CypherScripts.Schema, server.Requests.Select(Script));
        Assert.True(CypherScripts.Schema.Count >= 3);
        Assert.All(server.Requests, r => Assert.Equal("/db/neo4j/query/v2", r.Path));
        Assert.Contains(server.Requests, r => r.Statement!.Contains("CREATE CONSTRAINT account_id IF NOT EXISTS FOR (a:Account) REQUIRE a.id IS UNIQUE"));
    }

    [Fact]
    public async Task A_batch_is_one_transaction_of_constant_statements_cut_into_row_batches()
    {
        await using var server = new FakeQueryApiServer(r => Transactional(r, script => script switch
        {
            "store/merge-accounts" => FakeResponse.Ok("{}"),
            "store/merge-follows" => FakeResponse.Rows(["added"], ["2"]),
            "store/end-follows" => FakeResponse.Rows(["ended"], ["1"]),
            "store/merge-interactions" => FakeResponse.Rows(["added"], ["1"]),
            _ => FakeResponse.Error("Test.Unexpected", script),
        }));
        await using var store = Store(server, batch: 4, relationshipBatch: 2);
        var batch = new IngestBatch(
            [new("a", "b", 10), new("b", "a"), new("c", "a"), new("d", "a"), new("e", "a"), new("a", "b", 99)],
            [new("x", "y", 20)],
            [new("b", "a", InteractionKind.Reply, 1_700_000_000, 2, 0.5)]);

        var result = await store.IngestAsync(batch);

        Assert.Equal(
        [
            "POST /db/neo4j/query/v2/tx",
            "store/merge-accounts", "store/merge-accounts",                                 // a..e in 4 + 1
            "store/merge-follows", "store/merge-follows", "store/merge-follows",           // 5 distinct pairs in 2 + 2 + 1
            "store/end-follows", "store/merge-interactions",
            "POST /db/neo4j/query/v2/tx/t1/commit",
        ], server.Requests.Select(Script));
        Assert.All(server.Requests.Skip(1), r => Assert.Equal("aff-1", r.Affinity));
        var followRows = server.Requests.Where(r => Script(r) == "store/merge-follows")
            .Select(r => r.Parameters.GetProperty("rows").GetArrayLength()).ToArray();
        Assert.Equal([2, 2, 1], followRows);
        var first = server.Requests.First(r => Script(r) == "store/merge-follows").Parameters.GetProperty("rows")[0];
        Assert.Equal(("a", "b", 10L), (first.GetProperty("source").GetString(), first.GetProperty("target").GetString(), first.GetProperty("since").GetInt64()));
        var accounts = server.Requests.Where(r => Script(r) == "store/merge-accounts")
            .SelectMany(r => r.Parameters.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!)).Order().ToArray();
        Assert.Equal(["a", "b", "c", "d", "e"], accounts);   // unfollows create no accounts
        var interaction = server.Requests.Single(r => Script(r) == "store/merge-interactions").Parameters.GetProperty("rows")[0];
        Assert.Equal("reply@1700000000", interaction.GetProperty("key").GetString());
        Assert.Equal("reply", interaction.GetProperty("kind").GetString());
        Assert.Equal(0.5, interaction.GetProperty("stance").GetDouble());
        // 3 requests × 2 added follows, 1 ended, 1 interaction; the repeated pair and the rest are unchanged.
        Assert.Equal(new IngestResult(6, 1, 1, 0), result);
    }

    [Fact]
    public async Task A_failing_request_rolls_the_whole_batch_back_and_never_commits()
    {
        int follows = 0;
        await using var server = new FakeQueryApiServer(r => Transactional(r, script => script switch
        {
            "store/merge-accounts" => FakeResponse.Ok("{}"),
            "store/merge-follows" when ++follows == 2 => FakeResponse.Error("Neo.ClientError.Statement.TypeError", "bad type"),
            "store/merge-follows" => FakeResponse.Rows(["added"], ["1"]),
            _ => FakeResponse.Error("Test.Unexpected", script),
        }));
        await using var store = Store(server, relationshipBatch: 1);

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => store.IngestAsync(new([new("a", "b"), new("b", "c"), new("c", "d")], [], [])));

        Assert.Equal("Neo.ClientError.Statement.TypeError", error.Code);
        Assert.Equal("DELETE /db/neo4j/query/v2/tx/t1", Script(server.Requests[^1]));
        Assert.DoesNotContain(server.Requests, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_records_are_all_reported_and_nothing_is_sent()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok("{}"));
        await using var store = Store(server);

        var error = await Assert.ThrowsAsync<StoreValidationException>(() => store.IngestAsync(new(
            [new("", "b")], [], [new("a", "b", InteractionKind.Like, null, -1), new("a", "b", InteractionKind.Like, null, 1, 2)])));

        Assert.Equal([("follows", 1L, "source"), ("interactions", 1L, "weight"), ("interactions", 2L, "stance")],
            error.Errors.Select(e => (e.File, e.Line, e.Field!)));
        Assert.Empty(server.Requests);
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.IngestAsync(null!));
    }

    [Fact]
    public async Task ReadGraph_pages_account_ids_then_reads_edges_per_page_in_read_mode()
    {
        await using var server = new FakeQueryApiServer(r => Script(r) switch
        {
            "store/count-accounts" => FakeResponse.Rows(["accounts"], ["3"]),
            "store/read-account-ids" when r.Parameters.GetProperty("after").GetString() == "" => FakeResponse.Rows(["id"], ["\"a\""], ["\"b\""]),
            "store/read-account-ids" => FakeResponse.Rows(["id"], ["\"c\""]),
            "store/read-follows" when r.Parameters.GetProperty("from").GetString() == "a" =>
                FakeResponse.Rows(["source", "targets"], ["\"a\"", "[\"b\",\"c\"]"], ["\"b\"", "[\"a\"]"]),
            "store/read-follows" => FakeResponse.Rows(["source", "targets"]),
            "store/read-interactions" when r.Parameters.GetProperty("from").GetString() == "c" =>
                FakeResponse.Rows(["source", "target", "kind", "at", "weight", "stance"],
                    ["\"c\"", "\"a\"", "\"share\"", "null", "3", "0.75"], ["\"c\"", "\"b\"", "\"like\"", "1700000000", "1.0", "null"]),
            "store/read-interactions" => FakeResponse.Rows(["source", "target", "kind", "at", "weight", "stance"]),
            var other => FakeResponse.Error("Test.Unexpected", other),
        });
        await using var store = Store(server, batch: 2);

        var input = await store.ReadGraphAsync();

        Assert.Equal(["a", "b", "c"], input.Ids.Ids);
        Assert.Equal(3, input.Follows.EdgeCount);
        Assert.True(input.Follows.HasEdge(0, 2));
        Assert.Equal(2, input.Interactions.Count);
        Assert.Equal(InteractionKind.Share, input.Interactions.Kind[0]);
        Assert.Equal(InteractionLog.NoTimestamp, input.Interactions.Timestamp[0]);
        Assert.Equal(3.0, input.Interactions.Weight[0]);
        Assert.Equal(0.75, input.Interactions.Stance[0]);
        Assert.True(double.IsNaN(input.Interactions.Stance[1]));
        Assert.Equal(1_700_000_000, input.Interactions.Timestamp[1]);
        Assert.All(server.Requests, r => Assert.Equal("Read", r.AccessMode));
        Assert.Equal(["store/count-accounts", "store/read-account-ids", "store/read-account-ids",
                      "store/read-follows", "store/read-interactions", "store/read-follows", "store/read-interactions"],
            server.Requests.Select(Script));
    }

    [Fact]
    public async Task Completing_an_unknown_run_or_an_inconsistent_result_fails_before_writing()
    {
        await using var server = new FakeQueryApiServer(r => Script(r) switch
        {
            "store/get-run" => FakeResponse.Rows(["id", "state"]),
            var other => FakeResponse.Error("Test.Unexpected", other),
        });
        await using var store = Store(server);
        var result = StoreContractTests.SampleResult(["a", "b", "c"], 0);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.CompleteRunAsync(7, result));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.FailRunAsync(7, "x"));
        var nanPerKind = StoreContractTests.SampleResult(["a"], 0);
        nanPerKind.ReceivedByKind[2] = double.NaN;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.CompleteRunAsync(7, nanPerKind));
        Assert.Contains("ReceivedByKind[2] is NaN", error.Message);
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.CompleteRunAsync(7, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.FailRunAsync(7, null!));

        Assert.All(server.Requests, r => Assert.Equal("store/get-run", Script(r)));
    }

    [Fact]
    public void Cypher_datetimes_with_nanoseconds_and_zone_names_parse()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 40, 39, TimeSpan.Zero).AddTicks(1234567),
            Neo4jInfluenceStore.ParseInstant("2026-11-22T00:40:39.123456789Z"));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero),
            Neo4jInfluenceStore.ParseInstant("2026-11-22T00:00+01:00[Europe/Paris]"));
        Assert.Null(Neo4jInfluenceStore.ParseInstant(null));
    }
}
