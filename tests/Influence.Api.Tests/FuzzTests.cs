using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Influence.Api.Contracts;
using Influence.Api.Tests.Infrastructure;
using Influence.Storage;
using Influence.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Influence.Api.Tests;

/// <summary>
/// The fuzz suite's service part (docs/reliability.md, "Fuzz suite"): seeded random and adversarial ingest
/// bodies in every body format and query parameters of every read endpoint, on a real server and SQLite
/// file. Never a 5xx; every 4xx is ProblemDetails; a refused batch stores nothing, a clean one is stored;
/// and a run started afterwards completes.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("INFLUENCE_FUZZ_SEED"), out int s) ? s : 20261129;
    private const int BodyCases = 1000;
    private const int QueryCases = 2000;
    private const int SegmentCases = 500;

    private readonly InfluenceApiFactory _factory = new(demoAccounts: 200);

    public async Task InitializeAsync() => await _factory.WaitForFirstRunAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IInfluenceStore Store => _factory.Services.GetRequiredService<IInfluenceStore>();

    [Fact]
    public async Task Fuzzed_ingest_bodies_get_a_clear_answer_store_all_or_nothing_and_a_later_run_completes()
    {
        using HttpClient client = _factory.CreateKeyedClient();
        var fuzzer = new RowFuzzer(Seed);
        var tally = new Dictionary<string, (int Cases, int Ok, int Refused)>();
        var clock = Stopwatch.StartNew();
        int sent = 0;
        while (sent < BodyCases)
        {
            FuzzCase c = fuzzer.Next();
            if (c.Format == FuzzFormat.EdgeList) continue; // not a body format
            sent++;
            string type = c.Format switch
            {
                FuzzFormat.JsonLines => "application/x-ndjson",
                FuzzFormat.JsonArray => "application/json",
                _ => "text/csv", // gzip CSV too: the readers inflate any body that starts with the gzip magic
            };
            var content = new ByteArrayContent(c.Content);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            StoreStats before = await Store.GetStatsAsync();
            string endpoint = c.Interactions ? "/api/v1/ingest/interactions" : c.Number % 3 == 0 ? "/api/v1/ingest/unfollows" : "/api/v1/ingest/follows";
            using HttpResponseMessage response = await client.PostAsync(endpoint, content);
            string body = await response.Content.ReadAsStringAsync();
            string context = $"{c}\n→ {(int)response.StatusCode}: {body[..Math.Min(body.Length, 600)]}";
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, context);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("\"detail\"", body);
                Assert.Equal(before, await Store.GetStatsAsync()); // nothing of a refused batch is stored
            }
            if (c.Clean) Assert.True((response.StatusCode == HttpStatusCode.OK) == (c.Rows > 0), context);
            string key = c.Format.ToString();
            var t = tally.GetValueOrDefault(key);
            tally[key] = (t.Cases + 1, t.Ok + (response.StatusCode == HttpStatusCode.OK ? 1 : 0), t.Refused + (response.StatusCode == HttpStatusCode.OK ? 0 : 1));
        }

        // A run over everything the fuzzing stored completes.
        using HttpResponseMessage start = await client.PostAsync("/api/v1/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        JobDto job = (await start.Content.ReadFromJsonAsync<JobDto>())!;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (job.State is not ("completed" or "failed") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            job = (await client.GetFromJsonAsync<JobDto>($"/api/v1/runs/{job.Id}"))!;
        }
        Assert.True(job.State == "completed", $"run after fuzzing: {job}");

        output.WriteLine($"fuzz (API bodies): seed {Seed}, {BodyCases} bodies in {clock.Elapsed.TotalSeconds:0.0} s, then run {job.Id} completed");
        foreach (var (format, v) in tally.OrderBy(p => p.Key)) output.WriteLine($"  {format}: {v.Cases} bodies, 200 {v.Ok}, 4xx {v.Refused}");
        Assert.All(tally.Values, v => Assert.True(v.Ok > 0 && v.Refused > 0, "each body format must see both verdicts"));
    }

    private static readonly string[] s_values =
    [
        "", "0", "-1", "1", "7", "20", "1000000", "999999999999", "-2147483649", "abc", "NaN", "1e5", "1.5", "true",
        "regular", "micro-influencer", "celebrity", "producer", "influence", "followers", "asc", "desc", "u1", "@alice",
        "%00", "%FF", "%E2%80%AE", "<script>", "../..", "'", "\"", "a%20b", "%", "%%", "%ZZ",
    ];

    private static readonly string[] s_paths =
    [
        "/api/v1/accounts", "/api/v1/accounts/{id}", "/api/v1/accounts/{id}/defenders", "/api/v1/communities",
        "/api/v1/communities/{id}", "/api/v1/communities/{id}/influencers", "/api/v1/summary", "/api/v1/scatter",
        "/api/v1/runs", "/api/v1/runs/{id}", "/health/ready",
    ];

    private static readonly string[] s_names = ["role", "minFollowers", "maxFollowers", "stage", "community", "sort", "order", "page", "pageSize", "k", "format", "limit", "q"];

    [Fact]
    public async Task Fuzzed_query_parameters_of_the_read_endpoints_never_give_a_5xx()
    {
        using HttpClient client = _factory.CreateClient();
        var random = new Random(Seed);
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < QueryCases; i++)
        {
            string Value() => random.Next(12) == 0 ? new string('9', random.Next(20, 3000)) : s_values[random.Next(s_values.Length)];
            // %00 in the path stops the in-memory test server's own URL decoder before the service sees it (Kestrel answers 400).
            string path = s_paths[random.Next(s_paths.Length)].Replace("{id}", Value() is { Length: > 0 } v && !v.Contains("%00") ? v : "x");
            var query = new StringBuilder();
            int parameters = random.Next(0, 5);
            for (int p = 0; p < parameters; p++)
                query.Append(p == 0 ? '?' : '&').Append(s_names[random.Next(s_names.Length)]).Append('=').Append(Value());
            string url = path + query;
            using HttpResponseMessage response = await client.GetAsync(url);
            int status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"GET {url[..Math.Min(url.Length, 300)]} → {status}: {body[..Math.Min(body.Length, 400)]}");
            if (status >= 400)
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"GET {url[..Math.Min(url.Length, 300)]} → {status} without ProblemDetails: {body[..Math.Min(body.Length, 300)]}");
        }
        output.WriteLine($"fuzz (API queries): seed {Seed}, {QueryCases} requests in {clock.Elapsed.TotalSeconds:0.0} s; statuses {string.Join(", ", statuses.Select(p => $"{p.Key}: {p.Value}"))}");
    }

    private static readonly string[] s_jsonValues =
    [
        "null", "0", "-1", "20", "501", "2147483648", "1e400", "1.5", "\"20\"", "true", "[]", "{}", "\"\"", "\"u1\"",
        "\"regular\"", "\"micro-influencer\"", "\"\\u0000\"", "[\"u1\",\"u2\"]", "[null]", "[1,2]", "[\"\"]", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    private static readonly string[] s_segmentFields = ["seeds", "k", "role", "minFollowers", "maxFollowers", "includeCelebrities", "unknown"];

    [Fact]
    public async Task Fuzzed_segment_request_bodies_never_give_a_5xx()
    {
        using HttpClient client = _factory.CreateClient();
        var random = new Random(Seed);
        var statuses = new SortedDictionary<int, int>();
        for (int i = 0; i < SegmentCases; i++)
        {
            var fields = Enumerable.Range(0, random.Next(0, 5))
                .Select(_ => $"\"{s_segmentFields[random.Next(s_segmentFields.Length)]}\":{s_jsonValues[random.Next(s_jsonValues.Length)]}");
            string body = random.Next(15) == 0 ? s_jsonValues[random.Next(s_jsonValues.Length)] : "{" + string.Join(",", fields) + "}";
            if (random.Next(15) == 0) body = body[..(body.Length / 2)];
            using var content = new StringContent(body, Encoding.UTF8, random.Next(10) == 0 ? "text/plain" : "application/json");
            using HttpResponseMessage response = await client.PostAsync("/api/v1/segments/influencers", content);
            int status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            string answer = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"POST {body} → {status}: {answer[..Math.Min(answer.Length, 400)]}");
            if (status >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        output.WriteLine($"fuzz (API segment bodies): seed {Seed}, {SegmentCases} requests; statuses {string.Join(", ", statuses.Select(p => $"{p.Key}: {p.Value}"))}");
    }
}
