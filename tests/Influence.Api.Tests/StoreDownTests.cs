using System.Net;
using System.Text;
using Influence.Api.Tests.Infrastructure;

namespace Influence.Api.Tests;

/// <summary>An unreachable store: the process stays up, readiness says why, writes answer 503, never 500.</summary>
public sealed class StoreDownTests
{
    [Fact]
    public async Task Unreachable_store_gives_503_on_readiness_runs_and_ingest()
    {
        // Neo4j on a closed loopback port: every store call fails fast with "connection refused".
        await using var factory = new InfluenceApiFactory(demoAccounts: 0, settings: new Dictionary<string, string?>
        {
            ["Neo4j:Uri"] = "http://127.0.0.1:9",
            ["Neo4j:MaxRetries"] = "0",
            ["Neo4j:Password"] = "not-used",
        });
        using var client = factory.CreateKeyedClient();

        using (var live = await client.GetAsync("/health/live"))
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.StartsWith("Unhealthy", await ready.Content.ReadAsStringAsync());
        }
        using (var run = await client.PostAsync("/api/v1/runs", null))
            await HttpAssert.ProblemAsync(run, HttpStatusCode.ServiceUnavailable);
        using (var ingest = await client.PostAsync("/api/v1/ingest/follows",
                   new StringContent("[{\"source\":\"@a\",\"target\":\"@b\"}]", Encoding.UTF8, "application/json")))
            await HttpAssert.ProblemAsync(ingest, HttpStatusCode.ServiceUnavailable);
        using (var summary = await client.GetAsync("/api/v1/summary"))
            await HttpAssert.ProblemAsync(summary, HttpStatusCode.NotFound);
    }
}
