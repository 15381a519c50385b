using System.Globalization;
using System.Text.Json;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>plan and overlap, from files and from a store's latest run, with bad input.</summary>
public class CampaignCommandTests
{
    private static string[] Files(string world) =>
        ["--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv")];

    [Fact]
    public void Plan_of_a_community_as_csv_json_and_table()
    {
        string world = DemoWorld(accounts: 600, seed: 61);
        CliResult csv = Ok(["plan", "--community", "0", "-k", "5", "--format", "csv", .. Files(world)]);
        string[] lines = csv.Stdout.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith("rank,id,marginal_gain,cumulative_value,audience,overlap_with_earlier,role", lines[0]);
        Assert.InRange(lines.Length - 1, 1, 5);
        double previousGain = double.MaxValue;
        foreach (string line in lines.Skip(1))
        {
            string[] f = AnalyzeCommandTests.SplitCsv(line);
            double gain = double.Parse(f[2], CultureInfo.InvariantCulture);
            Assert.True(gain <= previousGain, "marginal gains do not grow (submodular)");
            previousGain = gain;
            Assert.Equal("0", f[9]);
            Assert.True(double.Parse(f[3], CultureInfo.InvariantCulture) >= double.Parse(f[11], CultureInfo.InvariantCulture), "plan ≥ top-k by followers at each k");
        }

        CliResult json = Ok(["plan", "--community", "0", "-k", "5", "--format", "json", .. Files(world)]);
        using JsonDocument doc = JsonDocument.Parse(json.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(lines.Length - 1, root.GetProperty("picks").GetArrayLength());
        Assert.True(root.GetProperty("value").GetDouble() >= root.GetProperty("byFollowers").GetProperty("value").GetDouble());

        CliResult table = Ok(["plan", "-k", "3", "--exclude-role", "celebrity", "--tier", "100:2", "--tier", "any:1", .. Files(world)]);
        Assert.Contains("reach in the graph", table.Stdout);
        Assert.Contains("top-3 by followers", table.Stdout);
    }

    [Fact]
    public void Spread_plan_and_overlap_from_a_store()
    {
        string world = DemoWorld(accounts: 400, seed: 62);
        string storePath = Path.Combine(world, "influence.db");
        Ok(["import", .. Files(world), "--store", storePath]);
        Ok("analyze", "--store", storePath, "--out", Path.Combine(world, "results"));
        CliResult spread = Ok("plan", "--seeds", "u1,u2,u3,u4,u5,u6,u7,u8", "--objective", "spread", "-k", "3", "--epsilon", "0.3", "--store", storePath, "--format", "json");
        using JsonDocument doc = JsonDocument.Parse(spread.Stdout);
        Assert.Equal("spread", doc.RootElement.GetProperty("objective").GetString());
        Assert.True(doc.RootElement.GetProperty("sampling").GetProperty("samples").GetInt64() > 0);

        CliResult overlap = Ok("overlap", "u1", "u2", "u3", "--store", storePath, "--format", "csv");
        string[] lines = overlap.Stdout.TrimEnd().Split('\n');
        Assert.Equal("a,b,audience_a,audience_b,shared,jaccard", lines[0].TrimEnd('\r'));
        Assert.Equal(4, lines.Length); // 3 pairs
        CliResult table = Ok("overlap", "u1", "u2", "--store", storePath);
        Assert.Contains("union", table.Stdout);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        string world = DemoWorld(accounts: 200, seed: 63);
        CliResult ghost = Run(["plan", "--seeds", "u1,ghost-account", .. Files(world)]);
        Assert.Equal(1, ghost.ExitCode);
        Assert.Contains("ghost-account", ghost.Stderr);
        CliResult community = Run(["plan", "--community", "999", .. Files(world)]);
        Assert.Equal(1, community.ExitCode);
        Assert.Contains("999", community.Stderr);
        CliResult conflict = Run(["plan", "--include", "u1", "--exclude", "u1", .. Files(world)]);
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("both included and excluded", conflict.Stderr);
        CliResult overlapGhost = Run(["overlap", "u1", "nobody", .. Files(world)]);
        Assert.Equal(1, overlapGhost.ExitCode);
        Assert.Contains("nobody", overlapGhost.Stderr);
    }

    [Theory]
    [InlineData("-k", "0")]
    [InlineData("--objective", "viral")]
    [InlineData("--format", "xml")]
    [InlineData("--tier", "lots")]
    [InlineData("--exclude-role", "wizard")]
    [InlineData("--min-interactions", "0")]
    [InlineData("--seeds", "u1")] // together with --community
    public void Plan_usage_errors(string option, string value)
    {
        string world = DemoWorld(accounts: 200, seed: 64);
        CliResult result = Run(["plan", "--community", "0", option, value, .. Files(world)]);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Overlap_needs_accounts()
    {
        Assert.Equal(2, Run("overlap", "--follows", "f.csv").ExitCode);
    }
}
