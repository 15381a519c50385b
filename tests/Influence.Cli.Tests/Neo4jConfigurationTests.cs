using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>The CLI reads Neo4j settings as the service does (docs/neo4j.md): <c>Neo4j__*</c> first, then <c>NEO4J_*</c>.</summary>
public class Neo4jConfigurationTests
{
    [SkippableFact]
    public void Neo4j__Uri_wins_over_NEO4J_URI()
    {
        // Both on closed loopback ports: the error names the one the CLI tried.
        CliResult result = RunProcess(Path.GetTempPath(), new Dictionary<string, string>
        {
            ["Neo4j__Uri"] = "http://127.0.0.1:9",
            ["Neo4j__Password"] = "not-used",
            ["Neo4j__MaxRetries"] = "0",
            ["NEO4J_URI"] = "http://127.0.0.1:8",
        }, "runs");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("127.0.0.1:9", result.Stderr);
        Assert.DoesNotContain("127.0.0.1:8", result.Stderr);
    }

    [SkippableFact]
    public void A_bad_value_exits_1_naming_the_variable()
    {
        CliResult result = RunProcess(Path.GetTempPath(), new Dictionary<string, string>
        {
            ["NEO4J_URI"] = "http://127.0.0.1:9",
            ["NEO4J_PASSWORD"] = "not-used",
            ["Neo4j__BatchSize"] = "lots",
        }, "runs");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Neo4j__BatchSize 'lots' is not an integer", result.Stderr);

        CliResult bolt = RunProcess(Path.GetTempPath(), new Dictionary<string, string>
        {
            ["Neo4j__Uri"] = "bolt://127.0.0.1:7687",
            ["Neo4j__Password"] = "not-used",
        }, "runs");
        Assert.Equal(1, bolt.ExitCode);
        Assert.Contains("is a Bolt address", bolt.Stderr);
    }
}
