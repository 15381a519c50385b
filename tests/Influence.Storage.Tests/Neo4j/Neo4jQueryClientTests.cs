using System.Text;
using System.Text.Json;
using Influence.Storage.Neo4j;

namespace Influence.Storage.Tests.Neo4j;

/// <summary>
/// The Query API client against a real local HTTP server that answers the documented request/response
/// shapes (docs: ../shared/docs/neo4j-query-api.md; Neo4j Query API manual).
/// </summary>
public sealed class Neo4jQueryClientTests
{
    private static Neo4jOptions Options(string uri, int maxRetries = 3) => new()
    {
        Uri = uri,
        Database = "social",
        User = "neo4j",
        Password = "s3cret-pass",
        MaxRetries = maxRetries,
        InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    private const string DocumentedResult = """
        { "data": { "fields": ["name", "age", "score", "tags", "n"],
                    "values": [ ["Alice", 42, 0.5, ["a", "b"], { "elementId": "4:x:0", "labels": ["Person"], "properties": {"name": "Alice"} }],
                                ["Bob", null, 1, [], null] ] },
          "counters": { "containsUpdates": true, "nodesCreated": 1, "propertiesSet": 2, "relationshipsCreated": 0,
                        "someFutureCounter": 7 },
          "bookmarks": ["FB:kcwQ"] }
        """;

    [Fact]
    public async Task A_statement_is_posted_to_the_database_path_with_parameters_auth_and_access_mode()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok(DocumentedResult));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        using var result = await client.RunAsync("MATCH (n:Person {name: $name}) RETURN n.name AS name",
            new CypherParameters { { "name", "Alice" }, { "limit", 10 }, { "ratio", 0.25 }, { "missing", double.NaN }, { "ids", new[] { "a", "b" } } },
            Neo4jAccessMode.Read);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/db/social/query/v2", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:s3cret-pass")), request.Authorization);
        Assert.Equal("MATCH (n:Person {name: $name}) RETURN n.name AS name", request.Statement);
        Assert.Equal("Read", request.AccessMode);
        Assert.True(request.Json.GetProperty("includeCounters").GetBoolean());
        Assert.Equal("Alice", request.Parameters.GetProperty("name").GetString());
        Assert.Equal(10, request.Parameters.GetProperty("limit").GetInt32());
        Assert.Equal(0.25, request.Parameters.GetProperty("ratio").GetDouble());
        Assert.Equal(JsonValueKind.Null, request.Parameters.GetProperty("missing").ValueKind);
        Assert.Equal(["a", "b"], request.Parameters.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(0.25, "0.25")]
    [InlineData(1e20, "1E+20")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    public void Floats_are_sent_as_floats_even_when_whole(double value, string json)
    {
        // A whole float written as "1" would reach Cypher as an Integer, and [0, 1.5] as a mixed list
        // that Neo4j refuses to store as a property.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) CypherParameters.WriteValue(writer, value);

        Assert.Equal(json, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public async Task Fields_values_counters_and_bookmarks_are_parsed_tolerantly()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok(DocumentedResult));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        using var result = await client.RunAsync("RETURN 1");

        Assert.Equal(["name", "age", "score", "tags", "n"], result.Fields);
        Assert.Equal(2, result.RowCount);
        var alice = result.Row(0);
        Assert.Equal("Alice", alice.GetString("name"));
        Assert.Equal(42, alice.GetInt64("age"));
        Assert.Equal(0.5, alice.GetDouble("score"));
        Assert.Equal(2, alice["tags"].GetArrayLength());
        Assert.Equal("Alice", alice["n"].GetProperty("properties").GetProperty("name").GetString());
        var bob = result.Row(1);
        Assert.True(bob.IsNull("age"));
        Assert.True(double.IsNaN(bob.GetDouble("age")));
        Assert.Equal(1.0, bob.GetDouble("score"));
        Assert.True(result.Counters.ContainsUpdates);
        Assert.Equal(1, result.Counters.NodesCreated);
        Assert.Equal(2, result.Counters.PropertiesSet);
        Assert.Equal(7, result.Counters.Other!["someFutureCounter"].GetInt32());
        Assert.Equal(["FB:kcwQ"], result.Bookmarks);
        Assert.Throws<KeyNotFoundException>(() => alice.GetString("nope"));
    }

    [Fact]
    public async Task A_row_that_does_not_match_the_fields_is_a_clear_error()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok("""{"data":{"fields":["a","b"],"values":[[1]]}}"""));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));
        using var result = await client.RunAsync("RETURN 1 AS a, 2 AS b");

        var error = Assert.Throws<InvalidDataException>(() => result.Row(0));

        Assert.Equal("Neo4j returned row 0 as 1 values for 2 fields (a, b).", error.Message);
    }

    [Fact]
    public async Task The_bookmark_of_a_write_is_sent_with_the_next_request()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok(DocumentedResult), FakeResponse.Ok("""{"data":{"fields":[],"values":[]}}"""));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        using (await client.RunAsync("CREATE (:X)")) { }
        using (await client.RunAsync("MATCH (x:X) RETURN x", null, Neo4jAccessMode.Read)) { }

        Assert.False(server.Requests[0].Json.TryGetProperty("bookmarks", out _));
        Assert.Equal(["FB:kcwQ"], server.Requests[1].Json.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public async Task A_syntax_error_is_not_retried_and_names_its_code()
    {
        await using var server = FakeQueryApiServer.Scripted(
            FakeResponse.Error("Neo.ClientError.Statement.SyntaxError", "Invalid input 'RETRN'"));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync("RETRN 1"));

        Assert.Single(server.Requests);
        Assert.Equal("Neo.ClientError.Statement.SyntaxError", error.Code);
        Assert.False(error.IsTransient);
        Assert.Contains("Neo.ClientError.Statement.SyntaxError", error.Message);
        Assert.Contains("Invalid input 'RETRN'", error.Message);
        Assert.Contains(server.Uri, error.Message);
    }

    [Fact]
    public async Task An_errors_array_fails_even_with_a_success_status_and_data()
    {
        await using var server = FakeQueryApiServer.Scripted(new FakeResponse(200,
            """{"data":{"fields":["x"],"values":[[1]]},"errors":[{"code":"Neo.DatabaseError.General.UnknownError","message":"boom"}]}"""));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal("Neo.DatabaseError.General.UnknownError", error.Code);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_transient_error_is_retried_with_backoff_then_succeeds()
    {
        await using var server = FakeQueryApiServer.Scripted(
            FakeResponse.Error("Neo.TransientError.Transaction.DeadlockDetected", "deadlock"),
            FakeResponse.Error("Neo.TransientError.General.DatabaseUnavailable", "starting", status: 503),
            FakeResponse.Rows(["x"], ["1"]));
        var delays = new List<TimeSpan>();
        using var client = new Neo4jQueryClient(new HttpClient(), Options(server.Uri) with { InitialRetryDelay = TimeSpan.FromMilliseconds(5) },
            ownsHttp: true, delay: (d, _) => { delays.Add(d); return Task.CompletedTask; });

        using var result = await client.RunAsync("RETURN 1 AS x");

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("RETURN 1 AS x", r.Statement));
        Assert.Equal(1, result.Single().GetInt64("x"));
        Assert.Equal([TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10)], delays);
    }

    [Fact]
    public async Task Transient_errors_give_up_after_the_configured_retries()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Error("Neo.TransientError.Transaction.LockClientStopped", "stopped"));
        using var client = Neo4jQueryClient.Create(Options(server.Uri, maxRetries: 2));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync("RETURN 1"));

        Assert.True(error.IsTransient);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Http_401_is_one_clear_credentials_message()
    {
        await using var server = FakeQueryApiServer.Scripted(
            FakeResponse.Error("Neo.ClientError.Security.Unauthorized", "Invalid username or password.", status: 401));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal($"Neo4j at {server.Uri}/ rejected the credentials for user neo4j.", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_unauthorized_code_with_status_202_is_the_same_clear_message()
    {
        await using var server = FakeQueryApiServer.Scripted(
            FakeResponse.Error("Neo.ClientError.Security.Unauthorized", "Invalid username or password."));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Contains("rejected the credentials for user neo4j", error.Message);
        Assert.DoesNotContain("s3cret-pass", error.Message);
    }

    [Fact]
    public async Task A_missing_database_is_named()
    {
        await using var server = FakeQueryApiServer.Scripted(
            FakeResponse.Error("Neo.ClientError.Database.DatabaseNotFound", "Database does not exist. Database name: 'social'.", status: 404));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Contains("has no database 'social'", error.Message);
    }

    [Fact]
    public async Task A_non_json_error_page_reports_the_status_and_a_404_hints_at_the_version()
    {
        await using var server = FakeQueryApiServer.Scripted(new FakeResponse(404, "<html>Not Found</html>"));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal("Http.404", error.Code);
        Assert.Contains("5.26", error.Message);
    }

    [Fact]
    public async Task An_unreachable_port_is_one_clear_message_naming_the_uri()
    {
        string uri = $"http://127.0.0.1:{FakeQueryApiServer.FreePort()}";
        using var client = Neo4jQueryClient.Create(Options(uri));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.StartsWith($"Neo4j at {uri}/ is unreachable: connection refused", error.Message);
    }

    [Fact]
    public async Task An_unknown_host_is_one_clear_message_naming_the_uri()
    {
        using var client = Neo4jQueryClient.Create(Options("http://no-such-host.invalid:7474"));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.StartsWith("Neo4j at http://no-such-host.invalid:7474/ is unreachable", error.Message);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_a_clear_timeout()
    {
        await using var server = new FakeQueryApiServer(_ =>
        {
            Thread.Sleep(1_500);
            return FakeResponse.Ok("{}");
        });
        using var client = Neo4jQueryClient.Create(Options(server.Uri) with { RequestTimeout = TimeSpan.FromMilliseconds(200) });

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal($"Neo4j at {server.Uri}/ did not answer within 200 ms (Neo4j:RequestTimeout).", error.Message);
    }

    [Fact]
    public async Task Cancellation_is_reported_as_cancellation_not_as_an_outage()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok("{}"));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RunAsync("RETURN 1", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ExecuteInTransactionAsync((_, _) => Task.FromResult(1), cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task An_explicit_transaction_sends_the_affinity_header_back_and_commits()
    {
        var affinity = new Dictionary<string, string> { ["neo4j-cluster-affinity"] = "MjAyNC1hZmZpbml0eQ==" };
        await using var server = new FakeQueryApiServer(r => r.Path switch
        {
            "/db/social/query/v2/tx" => new FakeResponse(202,
                """{"data":{"fields":[],"values":[]},"transaction":{"id":"tx-42","expires":"2026-11-22T00:01:00Z"}}""", affinity),
            "/db/social/query/v2/tx/tx-42" => FakeResponse.Rows(["n"], ["5"]),
            "/db/social/query/v2/tx/tx-42/commit" => FakeResponse.Ok("""{"bookmarks":["FB:after-commit"]}"""),
            _ => FakeResponse.Error("Test.UnexpectedPath", r.Path),
        });
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        long n = await client.ExecuteInTransactionAsync(async (tx, ct) =>
        {
            Assert.Equal("tx-42", tx.Id);
            using var result = await tx.RunAsync("CREATE (x:X) RETURN 5 AS n", null, ct);
            return result.Single().GetInt64("n");
        });

        Assert.Equal(5, n);
        var requests = server.Requests;
        Assert.Equal(["POST /db/social/query/v2/tx", "POST /db/social/query/v2/tx/tx-42", "POST /db/social/query/v2/tx/tx-42/commit"],
            requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Null(requests[0].Affinity);
        Assert.Equal("MjAyNC1hZmZpbml0eQ==", requests[1].Affinity);
        Assert.Equal("MjAyNC1hZmZpbml0eQ==", requests[2].Affinity);
        Assert.Equal("CREATE (x:X) RETURN 5 AS n", requests[1].Statement);
        Assert.Equal("Write", requests[0].AccessMode);   // mode is chosen when the transaction begins
        Assert.Null(requests[1].AccessMode);
        Assert.Equal("{}", requests[2].Body);
        Assert.All(requests, r => Assert.NotNull(r.Authorization));
        Assert.Equal(["FB:after-commit"], client.LastBookmarks);
    }

    [Fact]
    public async Task A_failed_statement_rolls_the_transaction_back_and_a_transient_one_reruns_it_whole()
    {
        int begins = 0;
        await using var server = new FakeQueryApiServer(r => (r.Method, r.Path) switch
        {
            ("POST", "/db/social/query/v2/tx") => FakeResponse.Ok("{\"transaction\":{\"id\":\"t" + (++begins) + "\"}}"),
            ("POST", "/db/social/query/v2/tx/t1") => FakeResponse.Error("Neo.TransientError.Transaction.DeadlockDetected", "deadlock"),
            ("DELETE", _) => FakeResponse.Ok(""),
            ("POST", "/db/social/query/v2/tx/t2") => FakeResponse.Rows(["ok"], ["true"]),
            ("POST", "/db/social/query/v2/tx/t2/commit") => FakeResponse.Ok("{}"),
            _ => FakeResponse.Error("Test.UnexpectedPath", r.Path),
        });
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        bool ok = await client.ExecuteInTransactionAsync(async (tx, ct) =>
        {
            using var result = await tx.RunAsync("MERGE (x:X) RETURN true AS ok", null, ct);
            return result.Single().GetBoolean("ok");
        });

        Assert.True(ok);
        Assert.Equal(
            ["POST /db/social/query/v2/tx", "POST /db/social/query/v2/tx/t1", "DELETE /db/social/query/v2/tx/t1",
             "POST /db/social/query/v2/tx", "POST /db/social/query/v2/tx/t2", "POST /db/social/query/v2/tx/t2/commit"],
            server.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task A_client_error_inside_a_transaction_rolls_back_without_commit_or_retry()
    {
        await using var server = new FakeQueryApiServer(r => (r.Method, r.Path) switch
        {
            ("POST", "/db/social/query/v2/tx") => FakeResponse.Ok("""{"transaction":{"id":"t1"}}"""),
            ("POST", "/db/social/query/v2/tx/t1") => FakeResponse.Error("Neo.ClientError.Schema.ConstraintValidationFailed", "already exists"),
            ("DELETE", _) => FakeResponse.Ok(""),
            _ => FakeResponse.Error("Test.UnexpectedPath", r.Path),
        });
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.ExecuteInTransactionAsync<int>(async (tx, ct) =>
        {
            using var _ = await tx.RunAsync("CREATE (:X {id: 1})", null, ct);
            return 1;
        }));

        Assert.Equal("Neo.ClientError.Schema.ConstraintValidationFailed", error.Code);
        Assert.Equal(["POST /db/social/query/v2/tx", "POST /db/social/query/v2/tx/t1", "DELETE /db/social/query/v2/tx/t1"],
            server.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task A_transaction_response_without_an_id_is_a_clear_protocol_error()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok("""{"data":{"fields":[],"values":[]}}"""));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.BeginTransactionAsync());

        Assert.Contains("no transaction", error.Message);
    }

    [Fact]
    public async Task The_discovery_document_gives_version_and_edition()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok(
            """{"bolt_routing":"neo4j://localhost:7687","query":"http://localhost:7474/db/{databaseName}/query/v2","neo4j_version":"5.26.0","neo4j_edition":"community"}"""));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        var info = await client.GetServerInfoAsync();

        Assert.Equal("5.26.0", info.Version);
        Assert.Equal("community", info.Edition);
        Assert.Equal("GET", server.Requests[0].Method);
        Assert.Equal("/", server.Requests[0].Path);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_any_request()
    {
        await using var server = FakeQueryApiServer.Scripted(FakeResponse.Ok("{}"));
        using var client = Neo4jQueryClient.Create(Options(server.Uri));

        await Assert.ThrowsAsync<ArgumentException>(() => client.RunAsync("  "));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.ExecuteInTransactionAsync<int>(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => client.RunAsync("RETURN $x", new CypherParameters { { "x", new object() } }));
        Assert.Throws<ArgumentException>(() => Neo4jQueryClient.Create(new Neo4jOptions { Uri = "bolt://localhost:7687", Password = "x" }));
        Assert.Throws<ArgumentException>(() => new CypherParameters { { "", 1 } });
        Assert.Empty(server.Requests);
    }
}
