using System.Text.Json;
using System.Text.Json.Nodes;
using Influence.Core.Graph;
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
        Assert.Equal("2.0", interaction.GetProperty("weight").GetRawText());   // a Float for Cypher, not an Integer
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
                FakeResponse.Rows(["source", "targets"], ["\"a\"", "[[\"b\",1700000060],[\"c\",null]]"], ["\"b\"", "[[\"a\",null],[\"ñandú\",null]]"]),
            "store/read-follows" => FakeResponse.Rows(["source", "targets"]),
            "store/read-interactions" when r.Parameters.GetProperty("from").GetString() == "c" =>
                FakeResponse.Rows(["source", "target", "kind", "at", "weight", "stance"],
                    ["\"c\"", "\"a\"", "\"share\"", "null", "3", "0.75"], ["\"c\"", "\"\\u00f1and\\u00fa\"", "\"like\"", "1700000000", "1.0", "null"]),
            "store/read-interactions" => FakeResponse.Rows(["source", "target", "kind", "at", "weight", "stance"]),
            var other => FakeResponse.Error("Test.Unexpected", other),
        });
        await using var store = Store(server, batch: 2);

        var input = await store.ReadGraphAsync();

        Assert.Equal(["a", "b", "c", "ñandú"], input.Ids.Ids);   // raw UTF-8 and \u escapes resolve to one id
        Assert.Equal(4, input.Follows.EdgeCount);
        Assert.Equal(3, input.Interactions.Target[1]);
        Assert.True(input.Follows.HasEdge(0, 2));
        Assert.Equal(1_700_000_060 / 60, input.Follows.SinceOf(0, 1));   // follow times ride along, unknown ones stay unknown
        Assert.Equal(FollowTimes.Unknown, input.Follows.SinceOf(0, 2));
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

    /// <summary>
    /// Emulates the few statements of a run over a dictionary: what the store writes as rows is handed
    /// back as <c>properties(…)</c> maps, so a result makes the full trip through the wire format.
    /// </summary>
    private sealed class RunEmulator
    {
        private readonly List<JsonObject> _accounts = [];
        private readonly List<(string Type, JsonObject Row)> _links = [];
        private readonly List<JsonObject> _communities = [];
        private JsonObject? _run;
        public List<string> Scripts { get; } = [];

        public FakeResponse Answer(RecordedRequest r)
        {
            string script = Script(r);
            Scripts.Add(script);
            var p = r.Parameters;
            JsonArray Rows() => JsonNode.Parse(p.GetProperty("rows").GetRawText())!.AsArray();
            string RunRow(string state) =>
                $$"""{{_run!["id"]}}, "2026-11-22T00:00:00.123456789Z", {{(state == "running" ? "null" : "\"2026-11-22T00:01:00Z\"")}}, "{{state}}", null, {{(state == "running" ? "null" : JsonSerializer.Serialize(_run["summary"]!.GetValue<string>()))}}, null""";
            string[] runFields = ["id", "startedAt", "completedAt", "state", "parameters", "summary", "error"];
            switch (script)
            {
                case "store/begin-run":
                    _run = new JsonObject { ["id"] = 3 };
                    return FakeResponse.Rows(["claimed", "takenOver", .. runFields], ["true", "[]", RunRow("running")]);
                case "store/get-run":
                    return FakeResponse.Rows(["id", "state"], ["3", "\"running\""]);
                case "store/delete-run-results" or "store/clear-old-links":
                    return FakeResponse.Rows(["deleted"], ["0"]);
                case "store/store-account-results":
                    foreach (var row in Rows())
                    {
                        var props = row!["props"]!.AsObject().DeepClone().AsObject();
                        props["run"] = 3;
                        props["idx"] = row["idx"]!.DeepClone();
                        props["account"] = row["id"]!.DeepClone();
                        _accounts.Add(props);
                    }
                    return FakeResponse.Ok("{}");
                case "store/store-defender-links" or "store/store-critic-links":
                    foreach (var row in Rows()) _links.Add((script.Contains("critic") ? "CRITICISES" : "DEFENDS", row!.AsObject()));
                    return FakeResponse.Ok("{}");
                case "store/store-communities":
                    foreach (var row in Rows()) _communities.Add(row!.AsObject());
                    return FakeResponse.Ok("{}");
                case "store/complete-run":
                    _run!["summary"] = p.GetProperty("summary").GetString();
                    _run["thresholds"] = p.GetProperty("thresholds").GetString();
                    _run["accounts"] = p.GetProperty("accounts").GetInt32();
                    return FakeResponse.Rows([.. runFields, "previousLatest", "latestRun"], [RunRow("completed") + ", null, 3"]);
                case "store/write-back-accounts" or "store/write-back-defenders" or "store/write-back-critics":
                    return FakeResponse.Ok("{}");
                case "store/latest-run-id":
                    return FakeResponse.Rows(["latestRun"], ["null"]);
                case "store/prunable-runs":
                    return FakeResponse.Rows(["id"]);
                case "store/latest-run":
                    return FakeResponse.Rows([.. runFields, "thresholds", "accounts"],
                        [RunRow("completed") + $", {JsonSerializer.Serialize(_run!["thresholds"]!.GetValue<string>())}, {_run["accounts"]}"]);
                case "store/read-account-results":
                {
                    int from = p.GetProperty("from").GetInt32(), to = p.GetProperty("to").GetInt32();
                    var rows = _accounts.Where(a => a["idx"]!.GetValue<int>() >= from && a["idx"]!.GetValue<int>() < to)
                        .Select(a => new[] { a["idx"]!.ToJsonString(), a["account"]!.ToJsonString(), a.ToJsonString() }).ToArray();
                    return FakeResponse.Rows(["idx", "account", "props"], rows);
                }
                case "store/read-previous-run":
                {
                    int from = p.GetProperty("from").GetInt32(), to = p.GetProperty("to").GetInt32();
                    string Value(JsonObject a, string property) => a[property]?.ToJsonString() ?? "null";   // a missing property is null
                    var rows = _accounts.Where(a => a["idx"]!.GetValue<int>() >= from && a["idx"]!.GetValue<int>() < to)
                        .Select(a => new[] { Value(a, "idx"), Value(a, "account"), Value(a, "community"), Value(a, "pagerank"), Value(a, "attention") })
                        .ToArray();
                    return FakeResponse.Rows(["idx", "account", "community", "pagerank", "attention"], rows);
                }
                case "store/read-links":
                {
                    int from = p.GetProperty("from").GetInt32(), to = p.GetProperty("to").GetInt32();
                    var rows = _links.Where(l => l.Row["target"]!.GetValue<int>() >= from && l.Row["target"]!.GetValue<int>() < to)
                        .Reverse()   // the server promises no order: the store restores it
                        .Select(l => new[] { $"\"{l.Type}\"", l.Row["target"]!.ToJsonString(), l.Row["defender"]!.ToJsonString(), l.Row["props"]!.ToJsonString() })
                        .ToArray();
                    return FakeResponse.Rows(["type", "target", "defender", "props"], rows);
                }
                case "store/read-communities":
                    return FakeResponse.Rows(["props"], [.. _communities.Select(c => new[] { c.ToJsonString() })]);
                default:
                    return FakeResponse.Error("Test.Unexpected", script);
            }
        }
    }

    [Fact]
    public async Task The_previous_run_reads_ids_communities_and_scores_only_in_pages()
    {
        var emulator = new RunEmulator();
        await using var server = new FakeQueryApiServer(emulator.Answer);
        await using var store = Store(server, batch: 2, relationshipBatch: 2);
        var stored = StoreContractTests.SampleResult(["alice", "bob", "carol", "dave", "erin"], 0.125);
        stored.Accounts[3].Attention = double.NaN;   // not stored on the node: the next run starts that account from nothing
        await store.CompleteRunAsync((await store.BeginRunAsync(null)).Id, stored);
        int before = server.Requests.Count;

        PreviousRun previous = (await store.LoadPreviousRunAsync())!;
        RunInfo latest = (await store.LatestCompletedRunAsync())!;

        Assert.Equal(stored.AccountIds, previous.AccountIds);
        Assert.Equal(stored.Accounts.Select(m => m.Community), previous.Community);
        Assert.Equal(stored.Accounts.Select(m => m.PageRank), previous.PageRank);
        Assert.Equal(stored.Accounts.Select(m => double.IsNaN(m.Attention) ? 0 : m.Attention), previous.Attention);
        Assert.Equal(stored.Summary.FollowEdges + stored.Summary.InteractionEdges, previous.Edges);
        Assert.Equal((3L, "completed"), (latest.Id, latest.State));
        // The run's header, then 5 accounts in pages of 2, read-only; nothing else of the run (figures, links, communities).
        var reads = server.Requests.Skip(before).ToList();
        Assert.Equal(["store/latest-run", "store/read-previous-run", "store/read-previous-run", "store/read-previous-run", "store/latest-run"],
            reads.Select(Script));
        Assert.All(reads, r => Assert.Equal("Read", r.AccessMode));
        Assert.Equal([0, 2, 4], reads.Where(r => Script(r) == "store/read-previous-run").Select(r => r.Parameters.GetProperty("from").GetInt32()));
    }

    [Fact]
    public async Task A_previous_run_whose_pages_skip_an_account_is_refused()
    {
        await using var server = new FakeQueryApiServer(r => Script(r) switch
        {
            "store/latest-run" => FakeResponse.Rows(["id", "startedAt", "completedAt", "state", "parameters", "summary", "error", "thresholds", "accounts"],
                ["4", "\"2026-11-22T00:00:00Z\"", "\"2026-11-22T00:01:00Z\"", "\"completed\"", "null", "null", "null", "null", "3"]),
            "store/read-previous-run" => FakeResponse.Rows(["idx", "account", "community", "pagerank", "attention"],
                ["0", "\"a\"", "1", "0.5", "0.5"], ["2", "\"c\"", "1", "0.5", "0.5"]),
            var other => FakeResponse.Error("Test.Unexpected", other),
        });
        await using var store = Store(server);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadPreviousRunAsync());

        Assert.Contains("found 2 where 1 was expected", error.Message);
    }

    [Fact]
    public async Task A_result_makes_the_round_trip_through_the_wire_format_with_the_flip_between_results_and_write_back()
    {
        var emulator = new RunEmulator();
        await using var server = new FakeQueryApiServer(emulator.Answer);
        await using var store = Store(server, batch: 2, relationshipBatch: 2);
        var expected = StoreContractTests.SampleResult(["alice", "bob", "carol", "dave", "erin"], 0.125);

        var run = await store.BeginRunAsync(null);
        var completed = await store.CompleteRunAsync(run.Id, expected);
        var (latest, actual) = (await store.LoadLatestRunAsync())!.Value;

        StoreContractTests.AssertSameResult(expected, actual);
        Assert.Equal(("completed", 3L), (completed.State, completed.Id));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero).AddTicks(1234567), latest.StartedAt);
        var writes = emulator.Scripts.Where(s => s.StartsWith("store/store-") || s.StartsWith("store/write-back") || s == "store/complete-run").ToList();
        // Per-run results, then the write-back for Cypher users, then the flip; nothing is written after it.
        Assert.Equal("store/complete-run", writes[^1]);
        int firstWriteBack = writes.FindIndex(s => s.StartsWith("store/write-back"));
        Assert.All(writes.Take(firstWriteBack), s => Assert.StartsWith("store/store-", s));
        Assert.All(writes.Skip(firstWriteBack).SkipLast(1), s => Assert.StartsWith("store/write-back", s));
        Assert.Equal(3, writes.Count(s => s == "store/store-account-results"));   // 5 accounts in pages of 2
        Assert.Equal(3, writes.Count(s => s == "store/write-back-accounts"));
    }

    [Fact]
    public async Task Leases_travel_as_datetimes_and_expired_runs_are_failed_then_cleared()
    {
        string[] runFields = ["id", "startedAt", "completedAt", "state", "parameters", "summary", "error", "owner", "leaseExpiresAt"];
        await using var server = new FakeQueryApiServer(r => Script(r) switch
        {
            "store/begin-run" => FakeResponse.Rows(["claimed", "takenOver", .. runFields],
                ["true", "[]", "4", "\"2026-11-29T10:00:00Z\"", "null", "\"running\"", "null", "null", "null", "\"42@host\"", "\"2026-11-29T10:00:30.123456789Z\""]),
            "store/renew-run-lease" when r.Parameters.GetProperty("run").GetInt64() == 4 => FakeResponse.Rows(["state", "error"], ["\"running\"", "null"]),
            "store/renew-run-lease" when r.Parameters.GetProperty("run").GetInt64() == 5 => FakeResponse.Rows(["state", "error"], ["\"failed\"", "\"abandoned: its owner 1@x\""]),
            "store/renew-run-lease" => FakeResponse.Rows(["state", "error"]),
            "store/fail-expired-runs" => FakeResponse.Rows(runFields,
                ["3", "\"2026-11-29T09:00:00Z\"", "\"2026-11-29T10:00:00Z\"", "\"failed\"", "null", "null", "\"abandoned: its owner 7@other\"", "\"7@other\"", "\"2026-11-29T09:00:30Z\""]),
            "store/delete-run-results" => FakeResponse.Rows(["deleted"], ["0"]),
            "store/mark-run-pruned" => FakeResponse.Rows(["id"], ["3"]),
            var other => FakeResponse.Error("Test.Unexpected", other),
        });
        await using var store = new Neo4jInfluenceStore(new Neo4jOptions { Uri = server.Uri, Password = "password1", InitialRetryDelay = TimeSpan.FromMilliseconds(1) })
        {
            RunLease = TimeSpan.FromSeconds(30),
        };

        var run = await store.BeginRunAsync(null);
        Assert.Equal("42@host", run.Owner);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 0, 30, TimeSpan.Zero).AddTicks(1_234_567), run.LeaseExpiresAt);
        var begin = server.Requests.Single(r => Script(r) == "store/begin-run").Parameters;
        Assert.Equal(RunLeases.CurrentOwner, begin.GetProperty("owner").GetString());
        var started = DateTimeOffset.Parse(begin.GetProperty("startedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(started + TimeSpan.FromSeconds(30), DateTimeOffset.Parse(begin.GetProperty("leaseExpiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        await store.RenewRunLeaseAsync(4);
        var lost = await Assert.ThrowsAsync<InvalidOperationException>(() => store.RenewRunLeaseAsync(5));
        Assert.Contains("abandoned: its owner 1@x", lost.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.RenewRunLeaseAsync(6));

        var failed = Assert.Single(await store.FailExpiredRunsAsync());
        Assert.Equal((3L, "failed", "7@other"), (failed.Id, failed.State, failed.Owner));
        Assert.Equal(RunLeases.CurrentOwner, server.Requests.Single(r => Script(r) == "store/fail-expired-runs").Parameters.GetProperty("by").GetString());
        // The failed run's partial per-run results go, as for FailRunAsync.
        Assert.Equal(["store/delete-run-results", "store/mark-run-pruned"],
            server.Requests.SkipWhile(r => Script(r) != "store/fail-expired-runs").Skip(1).Select(Script).ToArray());
    }

    [Fact]
    public async Task A_claim_refused_by_a_live_run_names_it_and_runs_taken_over_lose_their_partial_results()
    {
        string[] fields = ["claimed", "takenOver", "id", "startedAt", "completedAt", "state", "parameters", "summary", "owner", "leaseExpiresAt"];
        int claims = 0;
        await using var server = new FakeQueryApiServer(r => Script(r) switch
        {
            // First claim: run 7 of another process holds the slot. Second: runs 5 and 6 had expired, run 8 is created.
            "store/begin-run" when Interlocked.Increment(ref claims) == 1 => FakeResponse.Rows(fields,
                ["false", "[]", "7", "\"2026-11-30T06:00:00Z\"", "null", "\"running\"", "null", "null", "\"99@replica-b\"", "\"2026-11-30T06:00:30Z\""]),
            "store/begin-run" => FakeResponse.Rows(fields,
                ["true", "[5, 6]", "8", "\"2026-11-30T06:01:00Z\"", "null", "\"running\"", "null", "null", "\"42@replica-a\"", "\"2026-11-30T06:01:30Z\""]),
            "store/delete-run-results" => FakeResponse.Rows(["deleted"], ["0"]),
            "store/mark-run-pruned" => FakeResponse.Rows(["id"], ["5"]),
            var other => FakeResponse.Error("Test.Unexpected", other),
        });
        await using var store = Store(server);

        var refused = await Assert.ThrowsAsync<RunInProgressException>(() => store.BeginRunAsync(null));
        Assert.Equal((7L, "99@replica-b", new DateTimeOffset(2026, 11, 30, 6, 0, 30, TimeSpan.Zero)),
            (refused.Holder.Id, refused.Holder.Owner, refused.Holder.LeaseExpiresAt!.Value));
        Assert.Contains("Run 7 is in progress in this store, held by 99@replica-b", refused.Message);
        Assert.Equal(["store/begin-run"], server.Requests.Select(Script).ToArray());   // nothing else was written

        var run = await store.BeginRunAsync("""{"seed":1}""");
        Assert.Equal((8L, "running"), (run.Id, run.State));
        Assert.Equal(["store/begin-run", "store/begin-run", "store/delete-run-results", "store/mark-run-pruned", "store/delete-run-results", "store/mark-run-pruned"],
            server.Requests.Select(Script).ToArray());
        var begin = server.Requests[1];
        Assert.Equal("Write", begin.AccessMode);
        Assert.Equal(["leaseExpiresAt", "owner", "parameters", "startedAt"], begin.Parameters.EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal([5L, 6L], server.Requests.Where(r => Script(r) == "store/mark-run-pruned").Select(r => r.Parameters.GetProperty("run").GetInt64()).ToArray());
    }

    [Fact]
    public async Task A_failed_write_back_leaves_the_run_running_so_the_caller_can_fail_it()
    {
        var emulator = new RunEmulator();
        await using var server = new FakeQueryApiServer(r => Script(r) == "store/write-back-defenders"
            ? FakeResponse.Error("Neo.DatabaseError.General.UnknownError", "disk full")
            : emulator.Answer(r));
        await using var store = Store(server);
        var run = await store.BeginRunAsync(null);

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => store.CompleteRunAsync(run.Id, StoreContractTests.SampleResult(["a", "b", "c"], 0)));

        Assert.Equal("Neo.DatabaseError.General.UnknownError", error.Code);
        Assert.DoesNotContain("store/complete-run", emulator.Scripts);
    }

    [Fact]
    public async Task Per_kind_figures_travel_as_lists_of_floats_and_NaN_figures_are_left_out()
    {
        var emulator = new RunEmulator();
        await using var emulated = new FakeQueryApiServer(emulator.Answer);
        await using var store = Store(emulated);
        var result = StoreContractTests.SampleResult(["a", "b"], 0);   // account 0 has NaN DefenderDensity
        result.ReceivedByKind[0] = 0;

        await store.BeginRunAsync(null);
        await store.CompleteRunAsync(3, result);

        var rows = emulated.Requests.First(r => Script(r) == "store/store-account-results").Parameters.GetProperty("rows");
        var first = rows[0].GetProperty("props");
        Assert.All(first.GetProperty("receivedByKind").EnumerateArray(), v => Assert.Contains('.', v.GetRawText()));
        Assert.Equal("0.0", first.GetProperty("receivedByKind")[0].GetRawText());
        Assert.False(first.TryGetProperty("defenderDensity", out _));
        Assert.True(rows[1].GetProperty("props").TryGetProperty("defenderDensity", out _));
        Assert.Equal("regular", first.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("pagerank").ValueKind);
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
