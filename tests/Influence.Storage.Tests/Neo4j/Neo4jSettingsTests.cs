using System.Collections;
using Influence.Storage.Neo4j;

namespace Influence.Storage.Tests.Neo4j;

/// <summary>One way to configure Neo4j (docs/neo4j.md): <c>Neo4j__*</c> / <c>Neo4j:*</c> first, <c>NEO4J_*</c> for convenience.</summary>
public sealed class Neo4jSettingsTests
{
    [Fact]
    public void Configuration_keys_win_field_by_field_and_the_convenience_names_fill_the_rest()
    {
        var env = new Hashtable
        {
            ["Neo4j__Uri"] = "http://config:7474",
            ["Neo4j__Password"] = "from-config",
            ["NEO4J_URI"] = "http://convenience:7474",
            ["NEO4J_PASSWORD"] = "from-convenience",
            ["NEO4J_USERNAME"] = "analyst",
            ["NEO4J_DATABASE"] = "social",
            ["NEO4J_BATCH_SIZE"] = "250",
            ["Neo4j__RequestTimeout"] = "00:00:30",
        };
        Neo4jOptions o = Neo4jSettings.FromEnvironment(env);
        Assert.Equal("http://config:7474", o.Uri);
        Assert.Equal("from-config", o.Password);
        Assert.Equal("analyst", o.User);
        Assert.Equal("social", o.Database);
        Assert.Equal(250, o.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(30), o.RequestTimeout);
        Assert.Empty(o.Validate());

        // NEO4J_USER is preferred to NEO4J_USERNAME; Neo4j__User to both.
        env["NEO4J_USER"] = "ops";
        Assert.Equal("ops", Neo4jSettings.FromEnvironment(env).User);
        env["Neo4j__User"] = "admin";
        Assert.Equal("admin", Neo4jSettings.FromEnvironment(env).User);
    }

    [Fact]
    public void An_empty_configured_uri_means_no_neo4j_whatever_NEO4J_URI_says()
    {
        var env = new Hashtable { ["Neo4j__Uri"] = "", ["NEO4J_URI"] = "http://convenience:7474", ["NEO4J_PASSWORD"] = "x" };
        Assert.Null(Neo4jSettings.FromEnvironment(env).Uri);
        Assert.Null(Neo4jOptions.FromEnvironment(env));
        env.Remove("Neo4j__Uri");
        Assert.Equal("http://convenience:7474", Neo4jOptions.FromEnvironment(env)!.Uri);
        Assert.Null(Neo4jOptions.FromEnvironment(new Hashtable()));
    }

    [Fact]
    public void The_service_reads_the_same_fields_from_its_configuration()
    {
        var section = new Dictionary<string, string?> { ["Uri"] = "https://db.example:7473", ["Database"] = "graph", ["MaxRetries"] = "2" };
        Neo4jOptions o = Neo4jSettings.Resolve(f => section.GetValueOrDefault(f), "Neo4j:", new Hashtable { ["NEO4J_DATABASE"] = "ignored", ["NEO4J_PASSWORD"] = "p" });
        Assert.Equal(("https://db.example:7473", "graph", 2, "p"), (o.Uri, o.Database, o.MaxRetries, o.Password));
    }

    [Theory]
    [InlineData("Neo4j__BatchSize", "lots", "Neo4j__BatchSize 'lots' is not an integer.")]
    [InlineData("NEO4J_BATCH_SIZE", "1e3", "NEO4J_BATCH_SIZE '1e3' is not an integer.")]
    [InlineData("Neo4j__MaxRetries", "five", "Neo4j__MaxRetries 'five' is not an integer.")]
    [InlineData("Neo4j__RequestTimeout", "5 minutes", "Neo4j__RequestTimeout '5 minutes' is not a time span")]
    public void A_value_that_does_not_parse_is_named_with_its_variable(string variable, string value, string expected)
    {
        var env = new Hashtable { ["NEO4J_URI"] = "http://x:7474", [variable] = value };
        var ex = Assert.Throws<ArgumentException>(() => Neo4jSettings.FromEnvironment(env));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Values_that_parse_but_break_a_rule_are_listed_by_validation()
    {
        var env = new Hashtable { ["Neo4j__Uri"] = "bolt://db:7687", ["Neo4j__BatchSize"] = "0", ["NEO4J_PASSWORD"] = "x" };
        string problems = string.Join(" ", Neo4jSettings.FromEnvironment(env).Validate());
        Assert.Contains("Bolt address", problems);
        Assert.Contains("BatchSize must be in 1..100000, got 0", problems);
    }
}
