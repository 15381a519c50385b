using Influence.Api.Tests.Infrastructure;

namespace Influence.Api.Tests;

/// <summary>The service reads Neo4j settings as the CLI does (docs/neo4j.md); a bad value stops it with the key named.</summary>
public sealed class Neo4jConfigurationTests
{
    [Fact]
    public async Task A_bad_neo4j_setting_stops_the_service_naming_the_key()
    {
        await using var factory = new InfluenceApiFactory(demoAccounts: 0, settings: new Dictionary<string, string?>
        {
            ["Neo4j:Uri"] = "http://127.0.0.1:9",
            ["Neo4j:Password"] = "not-used",
            ["Neo4j:BatchSize"] = "lots",
        });
        Exception ex = await Record.ExceptionAsync(async () =>
        {
            using HttpClient client = factory.CreateClient();
            using HttpResponseMessage ready = await client.GetAsync("/health/ready");
        });
        Assert.NotNull(ex);
        Assert.Contains("Neo4j:BatchSize 'lots' is not an integer", Flatten(ex));
    }

    private static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " | " + Flatten(ex.InnerException);
}
