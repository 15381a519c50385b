using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

public class DemoAndInspectTests
{
    [Fact]
    public void Demo_writes_the_world_files_deterministically()
    {
        string a = TestPaths.NewTempDirectory("influence-cli");
        string b = TestPaths.NewTempDirectory("influence-cli");
        CliResult first = Ok("demo", "--out", a, "--accounts", "300", "--seed", "4");
        Ok("generate", "--out", b, "--accounts", "300", "--seed", "4"); // alias
        Assert.Equal("source,target,since", Lines(Path.Combine(a, "follows.csv"))[0]);
        Assert.Equal("source,target,kind,timestamp,weight,stance", Lines(Path.Combine(a, "interactions.csv"))[0]);
        Assert.True(File.Exists(Path.Combine(a, "truth.csv")));
        foreach (string file in new[] { "follows.csv", "interactions.csv", "truth.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
        Assert.Contains("300 accounts", first.Stdout);
    }

    [Fact]
    public void Demo_seed_changes_the_world()
    {
        string a = TestPaths.NewTempDirectory("influence-cli");
        string b = TestPaths.NewTempDirectory("influence-cli");
        Ok("demo", "--out", a, "--accounts", "300", "--seed", "1");
        Ok("demo", "--out", b, "--accounts", "300", "--seed", "2");
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "follows.csv")), File.ReadAllText(Path.Combine(b, "follows.csv")));
    }

    [Fact]
    public void Demo_rejects_too_few_accounts()
    {
        CliResult result = Run("demo", "--out", TestPaths.NewTempDirectory("influence-cli"), "--accounts", "3");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--accounts", result.Stderr);
    }

    [Fact]
    public void Demo_writes_a_block_cascade_world_with_its_truth()
    {
        string a = TestPaths.NewTempDirectory("influence-cli");
        CliResult result = Ok("demo", "--out", a, "--accounts", "400", "--seed", "3", "--generator", "block-cascade");
        Assert.Contains("400 accounts", result.Stdout);
        string[] truth = Lines(Path.Combine(a, "truth.csv"));
        Assert.Contains(truth, l => l.StartsWith("role,b", StringComparison.Ordinal) && l.EndsWith(",celebrity", StringComparison.Ordinal));
        Assert.Contains(truth, l => l.StartsWith("defender,", StringComparison.Ordinal));
        Assert.Equal("source,target,kind,timestamp,weight,stance", Lines(Path.Combine(a, "interactions.csv"))[0]);
    }

    [Theory]
    [InlineData("--generator", "nope", "nope")]
    [InlineData("--accounts", "100", "Accounts = 100")]
    [InlineData("--benchmark-profile", null, "--benchmark-profile applies to --generator synthetic only")]
    public void Demo_rejects_a_bad_block_cascade_request(string option, string? value, string expected)
    {
        var args = new List<string> { "demo", "--out", TestPaths.NewTempDirectory("influence-cli") };
        if (option != "--generator") args.AddRange(["--generator", "block-cascade"]);
        args.Add(option);
        if (value is not null) args.Add(value);
        CliResult result = Run([.. args]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Fact]
    public void Inspect_prints_counts_and_speed()
    {
        string world = DemoWorld(accounts: 400, seed: 6);
        CliResult result = Ok("inspect", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"));
        int follows = Lines(Path.Combine(world, "follows.csv")).Length - 1;
        Assert.Contains($"follows: {follows:N0} rows (csv", result.Stdout);
        Assert.Contains("edges/s", result.Stdout);
        Assert.Contains("graph: 400 accounts", result.Stdout);
        Assert.Contains("stance data: yes", result.Stdout);
    }

    [SkippableFact]
    public void Inspect_reads_a_real_snap_file()
    {
        string path = TestPaths.RequireSharedFile("wiki-Vote/Wiki-Vote.txt");
        CliResult result = Ok("inspect", "--follows", path);
        Assert.Contains("follows: 103,689 rows (edge list", result.Stdout);
        Assert.Contains("graph: 7,115 accounts, 103,689 distinct follows", result.Stdout);
    }

    [SkippableFact]
    public void Analyze_the_real_senate_follow_graph_with_custom_columns()
    {
        string path = TestPaths.RequireSharedFile("qss-senate-twitter-follows/twitter-following.csv");
        string outDir = Path.Combine(TestPaths.NewTempDirectory("influence-cli"), "senate");
        CliResult result = Ok("analyze", "--follows", path, "--source-column", "following", "--target-column", "followed", "--out", outDir);
        Assert.Equal(92, Lines(Path.Combine(outDir, "accounts.csv")).Length); // 91 senators + header
        Assert.Contains("follows: 3,859", result.Stdout);
    }
}
