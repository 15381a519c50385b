using System.Text.Json;
using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

public class AnalyzeCommandTests
{
    private static readonly string[] s_accountColumns =
    [
        "id", "followers", "following", "mutual", "pagerank", "community",
        "follow_back_rate", "followed_back_rate", "engagement_received", "engagement_given", "unique_engagers",
        "engagement_rate", "active_audience_share", "reciprocated_engagement_share", "influence",
        "in_community_engagement_share", "community_rank", "role", "stage", "defenders", "popularity_vs_influence", "role_margin", "attention", "community_standout", "followers_outside_community_share",
        "mass_follower_share", "inactive_follower_share", "suspicious_growth_share", "engagement_rate_percentile", "audience_quality",
        "suspected_fake_followers", "suspicious_spikes", "suspected_fake", "in_community_outreach_share", "reasons",
    ];

    private static (string Dir, CliResult Result) AnalyzeDemo(string world, string outName = "results", params string[] extra)
    {
        string outDir = Path.Combine(world, outName);
        CliResult result = Ok([
            "analyze", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"),
            "--out", outDir, .. extra]);
        return (outDir, result);
    }

    [Fact]
    public void Writes_accounts_summary_defenders_and_critics()
    {
        string world = DemoWorld();
        var (outDir, result) = AnalyzeDemo(world);

        string[] accounts = Lines(Path.Combine(outDir, "accounts.csv"));
        Assert.Equal(string.Join(',', s_accountColumns), accounts[0]);

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement root = summary.RootElement;
        foreach (string key in new[] { "nodes", "follow_edges", "interactions", "global_reciprocity", "communities", "modularity",
                     "pagerank_iterations", "followers_influence_spearman", "role_counts", "stage_counts", "timings_ms", "seed" })
            Assert.True(root.TryGetProperty(key, out _), $"summary.json lacks '{key}'");
        int nodes = root.GetProperty("nodes").GetInt32();
        Assert.Equal(600, nodes);
        Assert.Equal(nodes, accounts.Length - 1);

        // follows.csv rows = distinct follow edges (the generator writes no duplicates or self-loops)
        Assert.Equal(Lines(Path.Combine(world, "follows.csv")).Length - 1, root.GetProperty("follow_edges").GetInt64());
        Assert.Equal(Lines(Path.Combine(world, "interactions.csv")).Length - 1, root.GetProperty("interactions").GetInt64());

        string[] defenders = Lines(Path.Combine(outDir, "defenders.csv"));
        Assert.Equal("target,defender,strength", defenders[0]);
        Assert.Equal(root.GetProperty("defender_links").GetInt64(), defenders.Length - 1);
        string[] critics = Lines(Path.Combine(outDir, "critics.csv"));
        Assert.Equal("target,defender,strength", critics[0]);
        Assert.Equal(root.GetProperty("critic_links").GetInt64(), critics.Length - 1);

        // every role is one of the five names, and each row carries reasons with figures
        var roleIndex = Array.IndexOf(s_accountColumns, "role");
        foreach (string line in accounts.Skip(1).Take(50))
        {
            string[] fields = SplitCsv(line);
            Assert.Equal(s_accountColumns.Length, fields.Length);
            Assert.Contains(fields[roleIndex], new[] { "celebrity", "macro-influencer", "micro-influencer", "amplifier", "regular" });
            Assert.Matches("[0-9]", fields[^1]);
        }

        Assert.Contains("Accounts: 600", result.Stdout);
        Assert.Contains("accounts.csv", result.Stdout);
        Assert.Contains("analyse: done", result.Stderr); // plain progress lines when not interactive
    }

    [Fact]
    public void Same_seed_gives_identical_files()
    {
        string world = DemoWorld(seed: 8);
        var (first, _) = AnalyzeDemo(world, "a", "--seed", "11");
        var (second, _) = AnalyzeDemo(world, "b", "--seed", "11");
        foreach (string file in new[] { "accounts.csv", "defenders.csv", "critics.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(first, file)), File.ReadAllText(Path.Combine(second, file)));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(first, "summary.json")));
        Assert.Equal(11, summary.RootElement.GetProperty("seed").GetInt32());
    }

    [Fact]
    public void Community_options_reach_the_analysis()
    {
        string world = DemoWorld(seed: 9);
        var (outDir, _) = AnalyzeDemo(world, "louvain", "--algorithm", "louvain", "--projection", "simple", "--resolution", "0.5");
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("louvain", summary.RootElement.GetProperty("community_algorithm").GetString());
    }

    [Fact]
    public void No_critics_file_without_stance_data()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        File.WriteAllText(Path.Combine(dir, "f.csv"), "source,target\na,b\nb,a\nc,a\n");
        File.WriteAllText(Path.Combine(dir, "i.csv"), "source,target,kind,timestamp\nb,a,reply,1700000000\nc,a,share,1700100000\n");
        string outDir = Path.Combine(dir, "out");
        Ok("analyze", "--follows", Path.Combine(dir, "f.csv"), "--interactions", Path.Combine(dir, "i.csv"), "--out", outDir);
        Assert.False(File.Exists(Path.Combine(outDir, "critics.csv")));
        Assert.Equal(4, Lines(Path.Combine(outDir, "accounts.csv")).Length);
    }

    [Fact]
    public void Interactions_only_edge_list_with_kind_option()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        File.WriteAllText(Path.Combine(dir, "retweets.edgelist"), "# src dst count\n1 2 3\n3 2 1\n2 1 1\n");
        string outDir = Path.Combine(dir, "out");
        Ok("analyze", "--interactions", Path.Combine(dir, "retweets.edgelist"), "--interactions-kind", "retweet", "--out", outDir);
        string[] accounts = Lines(Path.Combine(outDir, "accounts.csv"));
        Assert.Equal(4, accounts.Length);
        string two = accounts.Single(l => l.StartsWith("2,", StringComparison.Ordinal));
        Assert.Equal("0", SplitCsv(two)[1]); // no follow graph: 0 followers
    }

    // ---- bad input ----

    [Fact]
    public void Bad_row_exits_1_names_file_line_field_and_writes_nothing()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        string follows = Path.Combine(dir, "follows.csv");
        File.WriteAllText(follows, "source,target\na,b\n,c\nd,e\n");
        string outDir = Path.Combine(dir, "out");
        CliResult result = Run("analyze", "--follows", follows, "--out", outDir);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{follows}:3: field 'source': empty id", result.Stderr);
        Assert.False(Directory.Exists(outDir), "no output folder on failure");
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Bad_interaction_kind_exits_1_and_lists_valid_kinds()
    {
        string world = DemoWorld(seed: 12);
        string interactions = Path.Combine(world, "interactions.csv");
        File.AppendAllText(interactions, "u1,u2,poke,1704067200,1,\n");
        int badLine = Lines(interactions).Length;
        string outDir = Path.Combine(world, "out");
        CliResult result = Run("analyze", "--follows", Path.Combine(world, "follows.csv"), "--interactions", interactions, "--out", outDir);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{interactions}:{badLine}: field 'kind': unknown kind 'poke'; valid kinds:", result.Stderr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Earlier_outputs_survive_a_failed_rerun()
    {
        string world = DemoWorld(seed: 13);
        var (outDir, _) = AnalyzeDemo(world);
        string before = File.ReadAllText(Path.Combine(outDir, "accounts.csv"));
        string badFollows = Path.Combine(world, "bad.csv");
        File.WriteAllText(badFollows, "source,target\na,b\na\n");
        CliResult result = Run("analyze", "--follows", badFollows, "--out", outDir);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(before, File.ReadAllText(Path.Combine(outDir, "accounts.csv")));
        Assert.Equal(4, Directory.GetFiles(outDir).Length);
    }

    [Fact]
    public void Missing_header_column_is_named()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        string interactions = Path.Combine(dir, "i.csv");
        File.WriteAllText(interactions, "source,target,weight\na,b,1\n");
        CliResult result = Run("analyze", "--interactions", interactions, "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing required column 'kind'", result.Stderr);
    }

    [Fact]
    public void Edge_list_without_kind_tells_which_option_to_use()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        string interactions = Path.Combine(dir, "replies.txt");
        File.WriteAllText(interactions, "1 2\n");
        CliResult result = Run("analyze", "--interactions", interactions, "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--interactions-kind", result.Stderr);
    }

    [Fact]
    public void Missing_file_exits_1()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        CliResult result = Run("analyze", "--follows", Path.Combine(dir, "nope.csv"), "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("follows file not found", result.Stderr);
    }

    [Fact]
    public void Skip_invalid_writes_rejects_and_analyses_the_good_rows()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        string follows = Path.Combine(dir, "follows.csv");
        File.WriteAllText(follows, "source,target\na,b\n,c\nb,a\n\"x,y\nc,a\n");
        string interactions = Path.Combine(dir, "interactions.csv");
        File.WriteAllText(interactions, "source,target,kind,weight\nb,a,reply,1\nc,a,like,-3\n");
        string outDir = Path.Combine(dir, "out");
        string rejects = Path.Combine(dir, "bad-rows.csv");
        CliResult result = Ok("analyze", "--follows", follows, "--interactions", interactions, "--out", outDir,
            "--skip-invalid", "--rejects", rejects);
        string[] rows = Lines(rejects);
        Assert.Equal("file,line,field,reason,raw_line", rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith($"{follows},3,source,empty id,", rows[1]);
        Assert.StartsWith($"{follows},5,,", rows[2]);
        Assert.Contains("unterminated quote", rows[2]);
        Assert.StartsWith($"{interactions},3,weight,", rows[3]);
        Assert.Contains("Rejected rows: 3", result.Stdout);
        Assert.Equal(4, Lines(Path.Combine(outDir, "accounts.csv")).Length); // a, b, c
    }

    [Fact]
    public void Skip_invalid_defaults_the_rejects_file_into_the_output_folder()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        string follows = Path.Combine(dir, "follows.txt");
        File.WriteAllText(follows, "1 2\n3\n2 1\n");
        string outDir = Path.Combine(dir, "out");
        Ok("analyze", "--follows", follows, "--out", outDir, "--skip-invalid");
        Assert.Equal(2, Lines(Path.Combine(outDir, "rejects.csv")).Length);
    }

    // ---- usage errors ----

    [Theory]
    [InlineData("analyze", "--follows", "f.csv")] // --out missing
    [InlineData("analyze", "--follows", "f.csv", "--out", "o", "--projection", "diagonal")]
    [InlineData("analyze", "--follows", "f.csv", "--out", "o", "--algorithm", "kmeans")]
    [InlineData("analyze", "--follows", "f.csv", "--out", "o", "--resolution", "-1")]
    [InlineData("analyze", "--follows", "f.csv", "--out", "o", "--seed", "many")]
    [InlineData("analyze", "--follows", "f.csv", "--out", "o", "--rejects", "r.csv")]
    [InlineData("analyze", "--follows", "f.csv", "--out", "o", "--interactions-kind", "poke")]
    [InlineData("analyze", "--follows", "f.csv", "--out", "o", "--store", "s.db")]
    [InlineData("analyze", "--follows", "f.csv", "--out", "o", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData]
    public void Usage_errors_exit_2(params string[] args)
    {
        CliResult result = Run(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error:", result.Stderr);
        Assert.Contains("--help", result.Stderr);
    }

    [Fact]
    public void Analyze_without_any_input_is_a_usage_error()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli");
        CliResult result = Run("analyze", "--out", Path.Combine(dir, "o"));
        if (Influence.Storage.Neo4j.Neo4jOptions.FromEnvironment() is not null) return; // Neo4j would be the input
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--follows", result.Stderr);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        CliResult result = Ok("--help");
        foreach (string command in new[] { "analyze", "import", "defenders", "influencers", "demo", "inspect" })
            Assert.Contains(command, result.Stdout);
    }

    /// <summary>Minimal RFC 4180 split of one line (for assertions).</summary>
    internal static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return [.. fields];
    }
}
