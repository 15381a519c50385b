using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary><c>influence export-neo4j</c>: neo4j-admin import files from input files or a store.</summary>
public class ExportCommandTests
{
    [Fact]
    public void Exports_files_with_neo4j_admin_headers_and_every_account()
    {
        string world = DemoWorld();
        string outDir = Path.Combine(world, "neo4j-import");
        CliResult result = Ok("export-neo4j", "--follows", Path.Combine(world, "follows.csv"),
            "--interactions", Path.Combine(world, "interactions.csv"), "--out", outDir);

        string[] accounts = Lines(Path.Combine(outDir, "accounts.csv"));
        Assert.Equal("id:ID(Account),:LABEL", accounts[0]);
        Assert.Equal(600, accounts.Length - 1);
        string[] follows = Lines(Path.Combine(outDir, "follows.csv"));
        Assert.StartsWith(":START_ID(Account),:END_ID(Account),:TYPE", follows[0]);
        Assert.Equal(Lines(Path.Combine(world, "follows.csv")).Length, follows.Length);
        Assert.All(follows.Skip(1), line => Assert.Contains(",FOLLOWS,", line));
        Assert.StartsWith(":START_ID(Account),:END_ID(Account),:TYPE", Lines(Path.Combine(outDir, "interactions.csv"))[0]);
        Assert.Contains("neo4j-admin database import full", result.Stdout);
    }

    [Fact]
    public void Exports_from_a_store()
    {
        string world = DemoWorld();
        string store = Path.Combine(world, "store.db");
        Ok("import", "--follows", Path.Combine(world, "follows.csv"), "--store", store);
        string outDir = Path.Combine(world, "from-store");
        Ok("export-neo4j", "--store", store, "--out", outDir);
        Assert.Equal(Lines(Path.Combine(world, "follows.csv")).Length, Lines(Path.Combine(outDir, "follows.csv")).Length);
    }

    [Fact]
    public void Bad_input_leaves_no_output_and_names_the_line()
    {
        string world = DemoWorld();
        string bad = Path.Combine(world, "bad.csv");
        File.WriteAllText(bad, "source,target\na,b\nc,\n");
        string outDir = Path.Combine(world, "none");
        CliResult result = Run("export-neo4j", "--follows", bad, "--out", outDir);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.csv:3", result.Stderr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Files_and_store_together_is_a_usage_error()
    {
        string world = DemoWorld();
        CliResult result = Run("export-neo4j", "--follows", Path.Combine(world, "follows.csv"), "--store", "x.db", "--out", "o");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("either --follows/--interactions or --store", result.Stderr);
    }
}
