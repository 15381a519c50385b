using System.Collections;
using Influence.Storage.Neo4j;

namespace Influence.Storage.Tests.Neo4j;

public sealed class Neo4jOptionsTests
{
    private static readonly Neo4jOptions Valid = new() { Uri = "http://localhost:7474", Password = "password1" };

    [Fact]
    public void Defaults_are_documented_values_and_valid_with_a_uri_and_password()
    {
        Assert.Empty(Valid.Validate());
        Assert.Equal("neo4j", Valid.Database);
        Assert.Equal("neo4j", Valid.User);
        Assert.Equal(5_000, Valid.BatchSize);
        Assert.Equal(2_000, Valid.RelationshipBatchSize);
        Assert.Equal(new Uri("http://localhost:7474/"), Valid.GetBaseUri());
        Assert.Equal(new Uri("https://x.databases.neo4j.io/"), (Valid with { Uri = "https://x.databases.neo4j.io/" }).GetBaseUri());
    }

    [Theory]
    [InlineData(null, "Neo4j:Uri is required")]
    [InlineData("localhost:7474", "must use http or https")]
    [InlineData("not a uri", "not an absolute URI")]
    [InlineData("bolt://db:7687", "is a Bolt address; this service uses the HTTP Query API: give the HTTP port, e.g. http://db:7474")]
    [InlineData("neo4j+s://db:7687", "is a Bolt address")]
    [InlineData("ftp://db", "must use http or https")]
    public void A_bad_uri_is_explained(string? uri, string expected)
    {
        var problems = (Valid with { Uri = uri }).Validate();

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_other_bad_field_is_listed_at_once()
    {
        var bad = Valid with
        {
            Database = "no spaces allowed", Password = null, BatchSize = 0, RelationshipBatchSize = 200_000,
            MaxRetries = -1, InitialRetryDelay = TimeSpan.FromMinutes(1), RequestTimeout = TimeSpan.Zero,
        };

        var problems = bad.Validate();

        Assert.Equal(7, problems.Count);
        Assert.Contains(problems, p => p.Contains("Neo4j:Database 'no spaces allowed'"));
        Assert.Contains(problems, p => p.Contains("Neo4j:Password is required for user 'neo4j'"));
        Assert.Contains(problems, p => p.Contains("Neo4j:BatchSize must be in 1..100000, got 0"));
        Assert.Contains(problems, p => p.Contains("Neo4j:RelationshipBatchSize must be in 1..100000, got 200000"));
        var thrown = Assert.Throws<ArgumentException>(() => bad.EnsureValid());
        Assert.Contains("Invalid Neo4j configuration", thrown.Message);
        Assert.Throws<ArgumentException>(() => new Neo4jInfluenceStore(bad));
    }

    [Fact]
    public void A_server_without_auth_needs_neither_user_nor_password_but_a_lone_password_is_an_error()
    {
        Assert.Empty((Valid with { User = null, Password = null }).Validate());
        Assert.Contains("Neo4j:Password is set but Neo4j:User is not.", (Valid with { User = null }).Validate());
    }

    [Fact]
    public void ToString_never_shows_the_password()
    {
        Assert.DoesNotContain("password1", Valid.ToString());
    }

    [Fact]
    public void FromEnvironment_reads_the_NEO4J_variables_with_defaults()
    {
        var env = new Hashtable
        {
            ["NEO4J_URI"] = "http://neo4j:7474", ["NEO4J_USERNAME"] = "analyst", ["NEO4J_PASSWORD"] = "pw123456",
            ["NEO4J_BATCH_SIZE"] = "2500",
        };

        var options = Neo4jOptions.FromEnvironment(env)!;

        Assert.Equal("http://neo4j:7474", options.Uri);
        Assert.Equal("neo4j", options.Database);
        Assert.Equal("analyst", options.User);
        Assert.Equal("pw123456", options.Password);
        Assert.Equal(2500, options.BatchSize);
        Assert.Empty(options.Validate());

        env["NEO4J_USER"] = "admin";
        env["NEO4J_DATABASE"] = "social";
        Assert.Equal(("admin", "social"), (Neo4jOptions.FromEnvironment(env)!.User, Neo4jOptions.FromEnvironment(env)!.Database));
    }

    [Fact]
    public void FromEnvironment_without_a_uri_is_null_and_a_bad_batch_size_is_named()
    {
        Assert.Null(Neo4jOptions.FromEnvironment(new Hashtable { ["NEO4J_PASSWORD"] = "x" }));
        var error = Assert.Throws<ArgumentException>(() =>
            Neo4jOptions.FromEnvironment(new Hashtable { ["NEO4J_URI"] = "http://x:7474", ["NEO4J_BATCH_SIZE"] = "lots" }));
        Assert.Contains("NEO4J_BATCH_SIZE 'lots' is not an integer", error.Message);
    }
}
