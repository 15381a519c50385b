using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Influence.Core.Graph;
using Influence.Core.Model;
using Influence.Tests.Shared;
using Xunit.Abstractions;

namespace Influence.Core.Tests.Model;

/// <summary>
/// The model on real public data (../shared/data, skipped when absent): followers vs influence.
/// With INFLUENCE_REAL_DATA_REPORT=path set, each test also rewrites its section of that markdown file
/// (docs/real-data-report.md), between its BEGIN/END markers.
/// </summary>
public sealed class RealDataReportTests(ITestOutputHelper output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Higgs: activity log (RT/MT/RE with timestamps) as interactions; its follower graph is not in the shared data.</summary>
    [SkippableFact]
    public void Higgs_twitter()
    {
        string path = TestPaths.RequireSharedFile("higgs-twitter/higgs-activity_time.txt.gz");
        var ids = new IdMap();
        var log = new InteractionLog(600_000);
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress)))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 4) continue;
                var kind = f[3] switch { "RT" => InteractionKind.Share, "MT" => InteractionKind.Mention, "RE" => InteractionKind.Reply, _ => throw new InvalidDataException(line) };
                log.Add(ids.GetOrAdd(f[0]), ids.GetOrAdd(f[1]), kind, long.Parse(f[2], Inv));
            }
        }
        var follows = new GraphBuilder(ids).Build(ids.Count); // no follower graph available
        var r = InfluenceAnalyzer.Run(new InfluenceInput(ids, follows, log));
        Assert.Equal(563_069, r.Summary.Interactions);
        Assert.True(double.IsNaN(r.Summary.FollowersInfluenceSpearman)); // followers are all 0 here
        WriteSection("higgs-twitter", r,
            "SNAP Higgs (1–7 July 2012), `higgs-activity_time.txt.gz`: 563,069 timed retweets (share), mentions and replies, " +
            "direction actor → target. **No follower graph** (the 15M-edge `higgs-social_network` is not in the shared data), so " +
            "followers are 0 everywhere and followers-vs-influence is undefined; popularity is measured instead by *engagement " +
            "received* (volume, the number a follower-count dashboard would show next to it). Communities are found on interaction ties.",
            popularity: "engagement received", m => m.EngagementReceived);
    }

    /// <summary>Greene & Cunningham Olympics: follows + mentions + retweets of 464 accounts.</summary>
    [SkippableFact]
    public void Greene_twitter_olympics()
    {
        string dir = Path.GetDirectoryName(TestPaths.RequireSharedFile("greene-twitter-olympics-pp/pp_olympics-follows.mtx"))!;
        var ids = new IdMap();
        var lineIds = File.ReadAllLines(Path.Combine(dir, "pp_olympics.ids"))
            .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var byLine = new int[lineIds.Length + 1];
        foreach (var f in lineIds) byLine[int.Parse(f[0], Inv)] = ids.GetOrAdd("tw" + f[1]);
        var follows = new GraphBuilder(ids);
        foreach (var (s, t, _) in Mtx(Path.Combine(dir, "pp_olympics-follows.mtx"))) follows.AddEdge(byLine[s], byLine[t]);
        var log = new InteractionLog();
        foreach (var (s, t, w) in Mtx(Path.Combine(dir, "pp_olympics-mentions.mtx"))) log.Add(byLine[s], byLine[t], InteractionKind.Mention, weight: w);
        foreach (var (s, t, w) in Mtx(Path.Combine(dir, "pp_olympics-retweets.mtx"))) log.Add(byLine[s], byLine[t], InteractionKind.Share, weight: w);
        var r = InfluenceAnalyzer.Run(new InfluenceInput(ids, follows.Build(ids.Count), log));
        Assert.Equal(464, r.Summary.Nodes);
        Assert.Equal(10_642, r.Summary.FollowEdges);
        Assert.InRange(r.Summary.FollowersInfluenceSpearman, -1, 1);
        WriteSection("greene-twitter-olympics-pp", r,
            "Greene & Cunningham \"Olympics\" (464 athletes and organisations, London 2012): follows (row follows column), " +
            "mentions (weight = count) and retweets (shares, weight = count). The direction of the mention/retweet matrices is " +
            "not documented; they are read as row acts on column, like the follows. No timestamps: defenders repeat by count.",
            popularity: "followers", m => m.Followers);
    }

    /// <summary>Congress: edge i→j means j engaged with i's tweets, so interactions are the reversed edges.</summary>
    [SkippableFact]
    public void Congress_twitter()
    {
        string edges = TestPaths.RequireSharedFile("congress-twitter/congress_plain_weights.edgelist");
        string json = TestPaths.RequireSharedFile("congress-twitter/congress_network_data.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var names = doc.RootElement[0].GetProperty("usernameList").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var ids = new IdMap();
        foreach (string n in names) ids.GetOrAdd(n);
        var log = new InteractionLog(14_000);
        foreach (string line in File.ReadLines(edges))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3) continue;
            int influencer = int.Parse(f[0], Inv), engager = int.Parse(f[1], Inv);
            // w = engagements of j with i's tweets / tweets of i; ×100 = engagements per 100 tweets of i.
            log.Add(engager, influencer, InteractionKind.Mention, weight: 100 * double.Parse(f[2], Inv));
        }
        var follows = new GraphBuilder(ids).Build(ids.Count);
        var r = InfluenceAnalyzer.Run(new InfluenceInput(ids, follows, log));
        Assert.Equal(475, r.Summary.Nodes);
        Assert.Equal(13_289, r.Summary.InteractionEdges);
        WriteSection("congress-twitter", r,
            "SNAP congress-twitter (117th US Congress, Feb–Jun 2022). The file's edge i → j means *j engaged with i's tweets* " +
            "(influence direction), so each edge is **reversed** into an interaction j → i, kind mention (retweets, quotes, replies " +
            "and mentions are merged in the source), weight = 100 × the edge's transmission probability (engagements per 100 tweets " +
            "of i). No follower graph: popularity is measured by engagement received, as for Higgs.",
            popularity: "engagement received", m => m.EngagementReceived);
    }

    private static IEnumerable<(int, int, double)> Mtx(string path)
    {
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith('%') || line.Length == 0) continue;
            var f = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3) continue;
            yield return (int.Parse(f[0], Inv), int.Parse(f[1], Inv), double.Parse(f[2], Inv));
        }
    }

    private void WriteSection(string name, InfluenceAnalysisResult r, string description, string popularity, Func<AccountMetrics, double> popularityOf)
    {
        int n = r.Accounts.Length;
        var pop = new double[n];
        var inf = new double[n];
        for (int v = 0; v < n; v++) { pop[v] = popularityOf(r.Accounts[v]); inf[v] = r.Accounts[v].Influence; }
        double rho = RankStatistics.Spearman(pop, inf);
        int topCount = Math.Max(10, n / 100);
        int[] top = RankStatistics.TopK(pop, topCount);
        double rhoTop = RankStatistics.Spearman(top.Select(v => pop[v]).ToArray(), top.Select(v => inf[v]).ToArray());
        double overlap10 = RankStatistics.TopKOverlap(pop, inf, 10);
        double overlap100 = RankStatistics.TopKOverlap(pop, inf, 100);
        int[] byPop = RankStatistics.TopK(pop, 10), byInf = RankStatistics.TopK(inf, 10);
        var popRank = RankOf(pop);
        var infRank = RankOf(inf);
        Assert.InRange(rho, -1, 1);
        Assert.Equal(1.0, r.Accounts.Sum(m => m.Attention), 6); // attention is a PageRank; influence is a rate

        var s = new StringBuilder();
        var sum = r.Summary;
        s.AppendLine($"## {name}").AppendLine().AppendLine(description).AppendLine();
        s.AppendLine($"- accounts {sum.Nodes:N0}, follows {sum.FollowEdges:N0}, interactions {sum.Interactions:N0} ({sum.InteractionEdges:N0} distinct pairs)");
        s.AppendLine($"- communities {sum.Communities:N0} (modularity {sum.Modularity:0.000}), weakly connected components {sum.Components:N0}, largest {sum.LargestComponent:N0}");
        s.AppendLine($"- **Spearman({popularity}, influence) = {rho:0.000}**; followers-vs-influence Spearman in summary.json: {Fmt(sum.FollowersInfluenceSpearman)}");
        s.AppendLine($"- Spearman among the top {topCount:N0} accounts by {popularity} (top 1%, at least 10): {rhoTop:0.000}");
        s.AppendLine($"- top-10 overlap {popularity} vs influence: {overlap10:0.00}; top-100 overlap: {overlap100:0.00}");
        s.AppendLine($"- roles: {string.Join(", ", sum.RoleCounts.Select(kv => $"{kv.Key} {kv.Value:N0}"))}");
        s.AppendLine($"- stages: {string.Join(", ", sum.StageCounts.Select(kv => $"{kv.Key} {kv.Value:N0}"))}");
        s.AppendLine($"- defender links {sum.DefenderLinks:N0}, critic links {sum.CriticLinks:N0}; analysis {sum.TimingsMs["total"]:N0} ms ({string.Join(", ", sum.TimingsMs.Where(kv => kv.Key != "total").Select(kv => $"{kv.Key} {kv.Value:N0}"))})");
        s.AppendLine();
        s.AppendLine($"Top 10 by {popularity}:").AppendLine();
        s.AppendLine($"| # | account | {popularity} | influence | influence rank | role | quadrant | engagers | two-way share |").AppendLine("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < byPop.Length; i++)
        {
            var m = r.Accounts[byPop[i]];
            s.AppendLine($"| {i + 1} | {r.AccountIds[byPop[i]]} | {pop[byPop[i]]:N0} | {m.Influence:0.000} | {infRank[byPop[i]]} | {RoleNames.Name(m.Role)} | {RoleNames.Name(m.Quadrant)} | {m.UniqueEngagers:N0} | {m.ReciprocatedEngagementShare:0.00} |");
        }
        s.AppendLine().AppendLine("Top 10 by influence:").AppendLine();
        s.AppendLine($"| # | account | influence | {popularity} | {popularity} rank | role | quadrant | engagers | two-way share |").AppendLine("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < byInf.Length; i++)
        {
            var m = r.Accounts[byInf[i]];
            s.AppendLine($"| {i + 1} | {r.AccountIds[byInf[i]]} | {m.Influence:0.000} | {pop[byInf[i]]:N0} | {popRank[byInf[i]]} | {RoleNames.Name(m.Role)} | {RoleNames.Name(m.Quadrant)} | {m.UniqueEngagers:N0} | {m.ReciprocatedEngagementShare:0.00} |");
        }
        string section = s.ToString();
        output.WriteLine(section);

        string? reportPath = Environment.GetEnvironmentVariable("INFLUENCE_REAL_DATA_REPORT");
        if (string.IsNullOrEmpty(reportPath)) return;
        string begin = $"<!-- BEGIN {name} -->", end = $"<!-- END {name} -->";
        string text = File.Exists(reportPath) ? File.ReadAllText(reportPath) : "";
        int b = text.IndexOf(begin, StringComparison.Ordinal), e = text.IndexOf(end, StringComparison.Ordinal);
        string block = begin + "\n" + section + end;
        text = b >= 0 && e > b ? text[..b] + block + text[(e + end.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(reportPath, text);
    }

    private static string Fmt(double x) => double.IsNaN(x) ? "NaN (no followers)" : x.ToString("0.000", Inv);

    /// <summary>1-based competition rank (1 = largest), ties by lower index.</summary>
    private static int[] RankOf(double[] values)
    {
        int[] order = RankStatistics.TopK(values, values.Length);
        var rank = new int[values.Length];
        for (int i = 0; i < order.Length; i++) rank[order[i]] = i + 1;
        return rank;
    }
}
