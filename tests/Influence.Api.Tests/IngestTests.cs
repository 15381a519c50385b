using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Model;
using Influence.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Influence.Api.Tests;

/// <summary>Empty store, small limits, one factory for the class; each test uses its own account ids.</summary>
public sealed class IngestFixture : IAsyncLifetime
{
    public InfluenceApiFactory Factory { get; } = new(demoAccounts: 0, settings: new Dictionary<string, string?>
    {
        ["Influence:MaxRequestBytes"] = "4096",
        ["Influence:MaxIngestRows"] = "20",
    });

    public IInfluenceStore Store => Factory.Services.GetRequiredService<IInfluenceStore>();

    public Task InitializeAsync()
    {
        _ = Factory.Services; // start the host
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Ingest bodies (JSON array, CSV, JSON Lines), all-or-nothing, each bad row reported, size and row limits.</summary>
public sealed class IngestTests(IngestFixture fixture) : IClassFixture<IngestFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateKeyedClient();

    private static StringContent Body(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    private async Task<HashSet<string>> StoredAccountsAsync()
    {
        InfluenceInput graph = await fixture.Store.ReadGraphAsync();
        return graph.Ids.Ids.ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Json_array_of_follows_is_stored_and_idempotent()
    {
        const string body = """[{"source":"@j1","target":"@j2","since":1700000000},{"source":"@j2","target":"@j1"},{"source":"@j3","target":"@j1","since":"2024-01-02T03:04:05Z"}]""";
        using var first = await _client.PostAsync("/api/v1/ingest/follows", Body(body, "application/json"));
        var added = await HttpAssert.OkAsync<IngestResultDto>(first);
        Assert.Equal(3, added.FollowsAdded);
        using var again = await _client.PostAsync("/api/v1/ingest/follows", Body(body, "application/json"));
        var unchanged = await HttpAssert.OkAsync<IngestResultDto>(again);
        Assert.Equal(0, unchanged.FollowsAdded);
        Assert.Equal(3, unchanged.Unchanged);

        InfluenceInput graph = await fixture.Store.ReadGraphAsync();
        Assert.True(graph.Ids.TryGetNode("@j3", out int j3));
        Assert.True(graph.Ids.TryGetNode("@j1", out int j1));
        Assert.True(graph.Follows.HasEdge(j3, j1));
    }

    [Fact]
    public async Task Csv_interactions_with_quotes_iso_times_and_any_column_order()
    {
        const string csv = "kind,target,source,timestamp,weight,stance\r\n" +
                           "reply,@c2,\"@c1, the first\",2024-05-01T10:00:00Z,2,0.5\r\n" +
                           "retweet,@c2,@c3,1714557600,,\r\n";
        using var response = await _client.PostAsync("/api/v1/ingest/interactions", Body(csv, "text/csv"));
        var result = await HttpAssert.OkAsync<IngestResultDto>(response);
        Assert.Equal(2, result.InteractionsAdded);
        var stored = await StoredAccountsAsync();
        Assert.Contains("@c1, the first", stored);
        Assert.Contains("@c3", stored);
    }

    [Fact]
    public async Task Json_lines_unfollows_end_follows()
    {
        using (var follow = await _client.PostAsync("/api/v1/ingest/follows",
                   Body("{\"source\":\"@n1\",\"target\":\"@n2\"}\n{\"source\":\"@n3\",\"target\":\"@n2\"}\n", "application/x-ndjson")))
            Assert.Equal(2, (await HttpAssert.OkAsync<IngestResultDto>(follow)).FollowsAdded);
        using var unfollow = await _client.PostAsync("/api/v1/ingest/unfollows",
            Body("{\"source\":\"@n1\",\"target\":\"@n2\",\"at\":1710000000}\n\n", "application/x-ndjson"));
        Assert.Equal(1, (await HttpAssert.OkAsync<IngestResultDto>(unfollow)).Unfollowed);
        InfluenceInput graph = await fixture.Store.ReadGraphAsync();
        graph.Ids.TryGetNode("@n1", out int n1);
        graph.Ids.TryGetNode("@n2", out int n2);
        graph.Ids.TryGetNode("@n3", out int n3);
        Assert.False(graph.Follows.HasEdge(n1, n2));
        Assert.True(graph.Follows.HasEdge(n3, n2));
    }

    [Fact]
    public async Task A_bad_json_row_rejects_the_whole_batch_and_lists_every_bad_row()
    {
        const string body = """
            [
              {"source":"@b1","target":"@b2","kind":"reply"},
              {"source":"@b1","target":"@b2","kind":"wave"},
              {"source":"@b1","target":"@b3","kind":"like","weight":-2},
              {"source":"","target":"@b3","kind":"share","stance":1.5},
              {"source":"@b1","kind":"share","timestamp":"yesterday"}
            ]
            """;
        using var response = await _client.PostAsync("/api/v1/ingest/interactions", Body(body, "application/json"));
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, "[1].kind");
        JsonElement errors = problem.GetProperty("errors");
        // One error per bad row: its first bad field (the readers stop at it, in every format).
        foreach (string key in new[] { "[2].weight", "[3].source", "[4].target" })
            Assert.True(errors.TryGetProperty(key, out _), $"no error for {key}: {errors}");
        Assert.False(errors.TryGetProperty("[0].kind", out _));
        Assert.Contains("valid kinds", errors.GetProperty("[1].kind")[0].GetString());
        Assert.Contains("nothing from this batch was stored", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("@b1", await StoredAccountsAsync());
    }

    [Theory]
    [InlineData("timestamp", "1714564800000", "milliseconds")]
    [InlineData("weight", "1e308", "above the maximum")]
    [InlineData("source", "\\u0000x", "control character")] // a JSON escape; a raw NUL in the CSV
    public async Task The_same_bad_value_is_refused_in_every_body_format(string field, string value, string reason)
    {
        string source = field == "source" ? value : "@same1";
        string weight = field == "weight" ? value : "1";
        string timestamp = field == "timestamp" ? value : "1700000000";
        string json = $"{{\"source\":\"{source}\",\"target\":\"@same2\",\"kind\":\"reply\",\"timestamp\":{timestamp},\"weight\":{weight}}}";
        string csvSource = field == "source" ? "\"\0x\"" : source;
        var bodies = new (string Body, string Type, string Key)[]
        {
            ($"[{json}]", "application/json", $"[0].{field}"),
            (json + "\n", "application/x-ndjson", $"line 1.{field}"),
            ($"source,target,kind,timestamp,weight\n{csvSource},@same2,reply,{timestamp},{weight}\n", "text/csv", $"line 2.{field}"),
        };
        foreach (var (body, type, key) in bodies)
        {
            using var response = await _client.PostAsync("/api/v1/ingest/interactions", Body(body, type));
            JsonElement problem = await HttpAssert.ValidationProblemAsync(response, key);
            Assert.Contains(reason, problem.GetProperty("errors").GetProperty(key)[0].GetString());
        }
        Assert.DoesNotContain("@same2", await StoredAccountsAsync());
    }

    [Fact]
    public async Task Bad_csv_rows_are_reported_by_line_and_field()
    {
        const string csv = "source,target,kind,stance\n@v1,@v2,reply,0.1\n\n@v1,@v2,reply,9\n@v1,@v2\n@v1,@v2,boo,\n";
        using var response = await _client.PostAsync("/api/v1/ingest/interactions", Body(csv, "text/csv"));
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, "line 4.stance");
        JsonElement errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("line 5", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("line 6.kind", out _), errors.ToString());
        Assert.DoesNotContain("@v1", await StoredAccountsAsync());

        using var missingColumn = await _client.PostAsync("/api/v1/ingest/interactions", Body("source,target\n@v1,@v2\n", "text/csv"));
        JsonElement header = await HttpAssert.ValidationProblemAsync(missingColumn, "line 1");
        Assert.Contains("kind", header.GetProperty("errors").GetProperty("line 1")[0].GetString());

        using var unterminated = await _client.PostAsync("/api/v1/ingest/follows", Body("source,target\n\"@v1,@v2\n", "text/csv"));
        await HttpAssert.ValidationProblemAsync(unterminated, "line 2");
    }

    [Fact]
    public async Task Bad_json_lines_are_reported_by_line()
    {
        using var response = await _client.PostAsync("/api/v1/ingest/follows",
            Body("{\"source\":\"@l1\",\"target\":\"@l2\"}\n{\"source\":\"@l1\",\n{\"target\":\"@l2\"}\n", "application/x-ndjson"));
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, "line 2");
        // Line 3 lacks its source (the CLI's JSON Lines reader names the missing key in the reason).
        JsonElement errors = problem.GetProperty("errors");
        JsonElement line3 = errors.TryGetProperty("line 3.source", out JsonElement byField) ? byField : errors.GetProperty("line 3");
        Assert.Contains("source", line3[0].GetString());
        Assert.DoesNotContain("@l1", await StoredAccountsAsync());
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("[]", "body")]
    [InlineData("{\"source\":\"@x\",\"target\":\"@y\"}", "body")]
    [InlineData("[{\"source\":\"@x\",\"target\":\"@y\"", "body")]
    [InlineData("[1, 2]", "[0]")]
    [InlineData("[{\"source\":{\"a\":1},\"target\":\"@y\"}]", "[0].source")]
    public async Task Malformed_bodies_give_validation_problems(string body, string field)
    {
        using var response = await _client.PostAsync("/api/v1/ingest/follows", Body(body, "application/json"));
        await HttpAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Store_rules_are_applied_with_the_row_named()
    {
        string longId = new('x', 600);
        using var response = await _client.PostAsync("/api/v1/ingest/follows",
            Body($"[{{\"source\":\"@ok1\",\"target\":\"@ok2\"}},{{\"source\":\"{longId}\",\"target\":\"@ok2\"}}]", "application/json"));
        JsonElement problem = await HttpAssert.ValidationProblemAsync(response, "[1].source");
        Assert.Contains("512", problem.GetProperty("errors").GetProperty("[1].source")[0].GetString());
        Assert.DoesNotContain("@ok1", await StoredAccountsAsync());
    }

    [Fact]
    public async Task Unsupported_content_type_is_415()
    {
        using var response = await _client.PostAsync("/api/v1/ingest/follows", Body("<follows/>", "application/xml"));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Bodies_over_the_size_limit_are_413_and_store_nothing()
    {
        var rows = Enumerable.Range(0, 19).Select(i => $"{{\"source\":\"@big{i}-{new string('p', 200)}\",\"target\":\"@big-target\"}}");
        string body = "[" + string.Join(",", rows) + "]";
        Assert.True(Encoding.UTF8.GetByteCount(body) > 4096);
        using var response = await _client.PostAsync("/api/v1/ingest/follows", Body(body, "application/json"));
        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4,096", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("@big-target", await StoredAccountsAsync());

        // Without Content-Length (chunked) the limit holds too.
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        streamed.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/follows") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await _client.SendAsync(request);
        await HttpAssert.ProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Batches_over_the_row_limit_are_413()
    {
        string csv = "source,target\n" + string.Join("\n", Enumerable.Range(0, 21).Select(i => $"@r{i},@r-target")) + "\n";
        using var response = await _client.PostAsync("/api/v1/ingest/follows", Body(csv, "text/csv"));
        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("20", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("@r-target", await StoredAccountsAsync());
    }

    [Fact]
    public async Task Json_array_body_accepts_the_documented_row_shapes()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/ingest/interactions", new[]
        {
            new { source = "@s1", target = "@s2", kind = "quote", timestamp = 1700000000L, weight = 3.0, stance = -0.5 },
        });
        Assert.Equal(1, (await HttpAssert.OkAsync<IngestResultDto>(response)).InteractionsAdded);
    }
}
