using System.Text.Json;
using Influence.Core.Model;
using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>defenders and influencers, from files and from a store's latest run.</summary>
public class QueryCommandTests
{
    private static string[] Files(string world) => WorldFiles(world);

    /// <summary>A world, its analysis and the account with the most defenders.</summary>
    private static (string World, string Target, int DefenderCount) DefendedAccount(int seed)
    {
        string world = DemoWorld(accounts: 600, seed: seed);
        string outDir = Path.Combine(world, "results");
        Ok(["analyze", .. Files(world), "--out", outDir]);
        var byTarget = Lines(Path.Combine(outDir, "defenders.csv")).Skip(1)
            .GroupBy(l => AnalyzeCommandTests.SplitCsv(l)[0]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        return (world, byTarget.Key, byTarget.Count());
    }

    [Fact]
    public void Defenders_csv_matches_the_analyze_output()
    {
        var (world, target, count) = DefendedAccount(31);
        CliResult result = Ok(["defenders", target, .. Files(world), "--format", "csv"]);
        string[] lines = result.Stdout.TrimEnd().Split('\n');
        Assert.Equal("relation,account,strength,interactions,active_periods,target_follows_back,target_engages_back,mean_stance,community,followers,influence,role", lines[0].TrimEnd('\r'));
        Assert.Equal(count, lines.Count(l => l.StartsWith("defender,", StringComparison.Ordinal)));
    }

    [Fact]
    public void Defenders_table_and_json()
    {
        var (world, target, count) = DefendedAccount(32);
        CliResult table = Ok(["defenders", target, .. Files(world)]);
        Assert.Contains($"Defender network of {target}", table.Stdout);
        Assert.Contains($"Defenders: {count};", table.Stdout);

        CliResult json = Ok(["defenders", target, .. Files(world), "--format", "json"]);
        using JsonDocument doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(target, doc.RootElement.GetProperty("account").GetString());
        Assert.Equal(count, doc.RootElement.GetProperty("defenders").GetArrayLength());
        Assert.True(doc.RootElement.GetProperty("tiesKnown").GetBoolean());
    }

    [Fact]
    public void Defenders_of_an_unknown_account_exits_1()
    {
        string world = DemoWorld(accounts: 200, seed: 33);
        CliResult result = Run(["defenders", "no-such-account", .. Files(world)]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'no-such-account' is not in this analysis", result.Stderr);
    }

    [Fact]
    public void Defenders_needs_an_account_argument()
    {
        string world = DemoWorld(accounts: 200, seed: 34);
        Assert.Equal(2, Run(["defenders", .. Files(world)]).ExitCode);
        Assert.Equal(2, Run(["defenders", "u1", .. Files(world), "--format", "xml"]).ExitCode);
    }

    [Fact]
    public void Influencers_of_a_community_respect_the_filters()
    {
        string world = DemoWorld(accounts: 600, seed: 35);
        CliResult result = Ok(["influencers", "--community", "0", "-k", "5", "--max-followers", "1000", .. Files(world)]);
        string[] lines = result.Stdout.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("id,rank,score,influence,followers,role,stage,community,community_rank,in_community_engagement_share,engagement_rate", lines[0]);
        Assert.Equal(InfluencerCsv.Header, lines[0]);
        Assert.InRange(lines.Length - 1, 1, 5);
        double previous = double.MaxValue;
        foreach (string line in lines.Skip(1))
        {
            string[] f = AnalyzeCommandTests.SplitCsv(line);
            Assert.Equal("0", f[7]);
            Assert.NotEqual("celebrity", f[5]);
            Assert.True(int.Parse(f[4]) <= 1000);
            double score = double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(score <= previous, "ranked by score, descending");
            previous = score;
        }

        CliResult micro = Ok(["influencers", "--community", "0", "--role", "micro-influencer", "--format", "json", .. Files(world)]);
        using JsonDocument doc = JsonDocument.Parse(micro.Stdout);
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
            Assert.Equal("micro-influencer", entry.GetProperty("role").GetString());
    }

    [Fact]
    public void Influencers_of_a_segment_from_a_seeds_file()
    {
        string world = DemoWorld(accounts: 400, seed: 36);
        string seeds = Path.Combine(world, "seeds.txt");
        File.WriteAllText(seeds, "# segment\nu1\nu2\n\nu3\n");
        CliResult result = Ok(["influencers", "--seeds", seeds, "-k", "3", .. Files(world)]);
        Assert.Equal(4, result.Stdout.TrimEnd().Split('\n').Length);

        File.WriteAllText(seeds, "u1\nghost-account\n");
        CliResult unknown = Run(["influencers", "--seeds", seeds, .. Files(world)]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("ghost-account", unknown.Stderr);
    }

    [Theory]
    [InlineData("--role", "guru")]
    [InlineData("-k", "0")]
    [InlineData("--seeds", "s.txt")] // together with --community
    public void Influencers_usage_errors(string option, string value)
    {
        CliResult result = Run("influencers", "--community", "0", option, value, "--follows", "f.csv");
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Influencers_of_an_unknown_community_exits_1()
    {
        string world = DemoWorld(accounts: 200, seed: 37);
        CliResult result = Run(["influencers", "--community", "999", .. Files(world)]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("999", result.Stderr);
    }

    [Fact]
    public void Queries_from_the_latest_store_run()
    {
        string world = DemoWorld(accounts: 400, seed: 38);
        string storePath = Path.Combine(world, "influence.db");
        Ok(["import", .. Files(world), "--store", storePath]);

        CliResult noRun = Run("defenders", "u1", "--store", storePath);
        Assert.Equal(1, noRun.ExitCode);
        Assert.Contains("no completed analysis run", noRun.Stderr);

        string outDir = Path.Combine(world, "results");
        Ok("analyze", "--store", storePath, "--out", outDir);
        string target = AnalyzeCommandTests.SplitCsv(Lines(Path.Combine(outDir, "defenders.csv"))[1])[0];
        CliResult defenders = Ok("defenders", target, "--store", storePath, "--format", "json");
        using JsonDocument doc = JsonDocument.Parse(defenders.Stdout);
        Assert.Equal(target, doc.RootElement.GetProperty("account").GetString());
        Assert.True(doc.RootElement.GetProperty("size").GetInt32() >= 1);

        string seeds = Path.Combine(world, "seeds.txt");
        File.WriteAllText(seeds, "u1\nu2\n");
        CliResult segment = Ok("influencers", "--seeds", seeds, "--store", storePath, "-k", "5");
        Assert.Equal(6, segment.Stdout.TrimEnd().Split('\n').Length);
    }

    [Fact]
    public void Queries_on_the_graph_refuse_a_store_whose_graph_changed_since_its_run_with_one_message()
    {
        string world = DemoWorld(accounts: 300, seed: 41);
        string storePath = Path.Combine(world, "influence.db");
        Ok(["import", .. Files(world), "--store", storePath]);
        Ok("analyze", "--store", storePath, "--out", Path.Combine(world, "results"));
        // A follow from a new account after the run: the stored graph is no longer the analysed one.
        string extra = Path.Combine(world, "extra.csv");
        File.WriteAllText(extra, "source,target\nnewcomer,u1\n");
        Ok("import", "--follows", extra, "--store", storePath);
        string seeds = Path.Combine(world, "seeds.txt");
        File.WriteAllText(seeds, "u1\nu2\n");

        string[][] queries = [["audience", "u1"], ["path", "u1", "u2"], ["overlap", "u1", "u2"], ["plan", "-k", "2"], ["influencers", "--seeds", seeds]];
        foreach (string[] query in queries)
        {
            CliResult result = Run([.. query, "--store", storePath]);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("the store's graph changed since its latest run", result.Stderr);
            Assert.Contains($"again before '{query[0]}'", result.Stderr);
        }
    }
}
