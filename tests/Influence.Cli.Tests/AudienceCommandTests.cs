using System.Globalization;
using System.Text.Json;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary><c>influence audience ID</c>: Kred's two axes overall and per community, against the analyze output.</summary>
public class AudienceCommandTests
{
    /// <summary>A demo world, its accounts.csv rows by id, and the account that gave the most engagement.</summary>
    private static (string World, string Id, Dictionary<string, string> Row) MostOutreach()
    {
        string world = DemoWorld(accounts: 400, seed: 41);
        string outDir = Path.Combine(world, "results");
        Ok(["analyze", .. WorldFiles(world), "--out", outDir]);
        string[] lines = Lines(Path.Combine(outDir, "accounts.csv"));
        string[] header = AnalyzeCommandTests.SplitCsv(lines[0]);
        var rows = lines.Skip(1).Select(l => header.Zip(AnalyzeCommandTests.SplitCsv(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
        var top = rows.OrderByDescending(r => double.Parse(r["engagement_given"], CultureInfo.InvariantCulture)).First();
        return (world, top["id"], top);
    }

    [Fact]
    public void Json_and_table_give_both_axes_per_community_consistent_with_accounts_csv()
    {
        var (world, id, row) = MostOutreach();
        CliResult json = Ok(["audience", id, .. WorldFiles(world), "--format", "json"]);
        using JsonDocument doc = JsonDocument.Parse(json.Stdout);
        JsonElement root = doc.RootElement;
        double given = root.GetProperty("outreachGiven").GetDouble();
        Assert.True(given > 0);
        Assert.Equal(double.Parse(row["in_community_outreach_share"], CultureInfo.InvariantCulture),
            root.GetProperty("outreachGivenInCommunityShare").GetDouble(), 6);
        var communities = root.GetProperty("byCommunity").EnumerateArray().ToList();
        Assert.Equal(Math.Min(20, root.GetProperty("communitiesEngaged").GetInt32()), communities.Count);
        if (root.GetProperty("communitiesEngaged").GetInt32() <= 20)
        {
            Assert.Equal(given, communities.Sum(c => c.GetProperty("outreachGiven").GetDouble()), 6);
            Assert.Equal(root.GetProperty("influenceReceived").GetDouble(), communities.Sum(c => c.GetProperty("influenceReceived").GetDouble()), 6);
        }
        int own = int.Parse(row["community"], CultureInfo.InvariantCulture);
        double ownGiven = communities.Where(c => c.GetProperty("community").GetInt32() == own).Sum(c => c.GetProperty("outreachGiven").GetDouble());
        Assert.Equal(root.GetProperty("outreachGivenInCommunityShare").GetDouble(), ownGiven / given, 6);

        CliResult table = Ok(["audience", id, .. WorldFiles(world)]);
        Assert.Contains("Influence received vs outreach given by community", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("to its community)", table.Stdout, StringComparison.Ordinal);
        if (communities.Any(c => c.GetProperty("community").GetInt32() == own))
            Assert.Contains($"{own} (own)", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_is_refused_naming_the_choices()
    {
        string world = DemoWorld(accounts: 200, seed: 42);
        CliResult result = Run(["audience", "u1", .. WorldFiles(world), "--format", "xml"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("xml", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("json", result.Stderr, StringComparison.Ordinal);
    }
}
