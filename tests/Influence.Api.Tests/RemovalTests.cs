using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Influence.Api.Tests.Infrastructure;
using Influence.Core.Model;

namespace Influence.Api.Tests;

/// <summary>POST /api/v1/ingest/remove: key required, at least one condition, audited, the graph loses exactly the matching rows.</summary>
public sealed class RemovalTests(IngestFixture fixture) : IClassFixture<IngestFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateKeyedClient();

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Removal_needs_the_key_and_a_condition()
    {
        using var anonymous = fixture.Factory.CreateClient();
        using var noKey = await anonymous.PostAsync("/api/v1/ingest/remove", Json("{\"account\":\"@x\"}"));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);

        using var empty = await _client.PostAsync("/api/v1/ingest/remove", Json("{}"));
        JsonElement problem = await HttpAssert.ValidationProblemAsync(empty, "filter");
        Assert.Contains("at least one condition", problem.GetProperty("detail").GetString());

        using var ms = await _client.PostAsync("/api/v1/ingest/remove", Json("{\"from\":1714564800000}"));
        Assert.Contains("milliseconds", (await HttpAssert.ValidationProblemAsync(ms, "filter")).GetProperty("detail").GetString());

        using var kind = await _client.PostAsync("/api/v1/ingest/remove", Json("{\"kind\":\"wave\"}"));
        await HttpAssert.ValidationProblemAsync(kind, "kind");
        using var what = await _client.PostAsync("/api/v1/ingest/remove", Json("{\"what\":\"everything\",\"account\":\"@x\"}"));
        await HttpAssert.ValidationProblemAsync(what, "what");
    }

    [Fact]
    public async Task Removal_deletes_the_matching_rows_and_is_listed_in_the_audit()
    {
        const string rows = "source,target,kind,timestamp,weight\n@rm1,@rm2,reply,1700000000,1\n@rm1,@rm2,like,1700000100,900000\n@rm3,@rm2,share,1700000200,2\n";
        using (var ingest = await _client.PostAsync("/api/v1/ingest/interactions", new StringContent(rows, Encoding.UTF8, "text/csv")))
            Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);

        using var response = await _client.PostAsync("/api/v1/ingest/remove", Json("{\"source\":\"@rm1\",\"weightAbove\":1000}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement removed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, removed.GetProperty("interactionsRemoved").GetInt64());
        Assert.Equal(0, removed.GetProperty("followsRemoved").GetInt64());
        Assert.StartsWith("api:", removed.GetProperty("actor").GetString());

        InfluenceInput graph = await fixture.Store.ReadGraphAsync();
        int rm1 = graph.Ids.Ids.ToList().IndexOf("@rm1");
        Assert.Equal(1, graph.Interactions.Source.ToArray().Count(s => s == rm1));

        JsonElement audit = await _client.GetFromJsonAsync<JsonElement>("/api/v1/ingest/removals");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("filter").GetString()!.Contains("\"source\":\"@rm1\""));
    }
}
