using System.Globalization;
using Influence.Core.Graph;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Bench;

/// <summary>
/// Real-data structural checks (<see cref="StructuralChecks"/>) on the ../shared/data graphs that have follows:
/// greene-twitter-olympics-pp (follows + mentions + retweets), snap-ego-twitter (two ego networks, follows only)
/// and qss-senate-twitter-follows (follows only). A missing data set is skipped with a message.
/// </summary>
public static class RealDataCheck
{
    public sealed record Report(string DataSet, string Note, int Accounts, long Follows, long Interactions,
        StructuralCheck? OneWay, StructuralCheck? Builders, string? Skipped);

    /// <summary>A loaded data set: follow pairs and interactions over one id map.</summary>
    public sealed record RealDataSet(string Name, string Note, IdMap Ids, List<(int Source, int Target)> Follows, InteractionLog Interactions)
    {
        public InfluenceInput ToInput()
        {
            var builder = new GraphBuilder(Ids, weighted: false, edgeCapacity: Math.Max(16, Follows.Count));
            foreach (var (s, t) in Follows) builder.AddEdge(s, t);
            return new InfluenceInput(Ids, builder.Build(Ids.Count), Interactions);
        }
    }

    /// <summary>The real data sets with follows, by name, each with its loader (reads under the data directory).</summary>
    public static IReadOnlyList<(string Name, Func<string, RealDataSet> Load)> Sets => s_sets;

    private static readonly (string Name, Func<string, RealDataSet> Load)[] s_sets =
    [
        ("greene-twitter-olympics-pp", LoadGreene),
        ("snap-ego-twitter/12831", dir => LoadSnapEgo(dir, "12831")),
        ("snap-ego-twitter/13212502", dir => LoadSnapEgo(dir, "13212502")),
        ("qss-senate-twitter-follows", LoadSenate),
    ];

    public static List<Report> RunAll(string dataDirectory)
    {
        Console.WriteLine();
        Console.WriteLine($"# real-data structural checks ({dataDirectory})");
        var reports = new List<Report>();
        foreach (var (name, load) in s_sets)
        {
            Report report;
            try
            {
                RealDataSet set = load(dataDirectory);
                InfluenceAnalysisResult result = InfluenceAnalyzer.Run(set.ToInput());
                var (oneWay, builders) = StructuralChecks.Run(result);
                report = new Report(name, set.Note, set.Ids.Count, set.Follows.Count, set.Interactions.Count, oneWay, builders, null);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                report = new Report(name, "", 0, 0, 0, null, null, $"skipped: {e.Message}");
            }
            reports.Add(report);
            Print(report);
        }
        var done = reports.Where(r => r.Skipped is null).ToList();
        if (done.Count > 0)
            Console.WriteLine($"real data, all sets: one-way → celebrity {done.Sum(r => r.OneWay!.Agreeing)} of {done.Sum(r => r.OneWay!.Candidates.Count)}; " +
                $"builders → micro/macro {done.Sum(r => r.Builders!.Agreeing)} of {done.Sum(r => r.Builders!.Candidates.Count)}");
        return reports;
    }

    private static void Print(Report r)
    {
        if (r.Skipped is not null) { Console.WriteLine($"{r.DataSet}: {r.Skipped}"); return; }
        Console.WriteLine($"{r.DataSet}: {r.Accounts:N0} accounts, {r.Follows:N0} follows, {r.Interactions:N0} interactions. {r.Note}");
        foreach (StructuralCheck check in new[] { r.OneWay!, r.Builders! })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {check.Expectation}: {check.Agreeing} of {check.Candidates.Count} agree{(check.Candidates.Count > 0 ? $" ({check.Agreement:P0})" : "")}"));
            foreach (StructuralCandidate c in check.Candidates.Take(8))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {c.Account,-20} followers {c.Followers,5}  followed back {c.FollowedBackRate,6:P1}  community {c.Community,3} rank {c.RankInCommunity,3}  → {c.Role}"));
            if (check.Candidates.Count > 8) Console.WriteLine($"    … {check.Candidates.Count - 8} more");
        }
    }

    private static string Need(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} not found (../shared/data absent?)", path);

    /// <summary>
    /// Greene "Olympics" (pp_ copy): 1-based "row col value" .mtx triples; follows row → col (the dropped
    /// *-followedby files were their transposes). Mentions and retweets are read as row → col with the count as
    /// weight: MANIFEST says their direction is undocumented, so the note says so.
    /// </summary>
    internal static RealDataSet LoadGreene(string dir)
    {
        string d = Path.Combine(dir, "greene-twitter-olympics-pp");
        var ids = new IdMap();
        var twitterId = File.ReadLines(Need(Path.Combine(d, "pp_olympics.ids")))
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 2).ToArray();
        foreach (var p in twitterId) ids.GetOrAdd(p[1]);
        int Node(string oneBased) => int.Parse(oneBased, CultureInfo.InvariantCulture) - 1;
        var follows = new List<(int, int)>();
        foreach (var (s, t, _) in Triples(Need(Path.Combine(d, "pp_olympics-follows.mtx")))) follows.Add((Node(s), Node(t)));
        var log = new InteractionLog();
        foreach (var (file, kind) in new[] { ("pp_olympics-mentions.mtx", InteractionKind.Mention), ("pp_olympics-retweets.mtx", InteractionKind.Share) })
            foreach (var (s, t, w) in Triples(Need(Path.Combine(d, file))))
                if (Node(s) != Node(t)) log.Add(Node(s), Node(t), kind, InteractionLog.NoTimestamp, double.Parse(w, CultureInfo.InvariantCulture));
        return new RealDataSet("greene-twitter-olympics-pp", "Mentions/retweets read row → col (direction undocumented).", ids, follows, log);
    }

    private static IEnumerable<(string, string, string)> Triples(string path)
    {
        foreach (string line in File.ReadLines(path))
        {
            var p = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (p.Length >= 2 && !p[0].StartsWith('%')) yield return (p[0], p[1], p.Length >= 3 ? p[2] : "1");
        }
    }

    /// <summary>SNAP ego-Twitter: "a b" = a follows b; the ego (who follows everyone) is absent and left out.</summary>
    private static RealDataSet LoadSnapEgo(string dir, string ego)
    {
        var ids = new IdMap();
        var follows = new List<(int, int)>();
        foreach (var (s, t, _) in Triples(Need(Path.Combine(dir, "snap-ego-twitter", ego + ".edges"))))
            if (s != t) follows.Add((ids.GetOrAdd(s), ids.GetOrAdd(t)));
        return new RealDataSet("snap-ego-twitter/" + ego, "Follows only (no interactions); the ego is not in the file.", ids, follows, new InteractionLog());
    }

    /// <summary>QSS senators: CSV "following","followed" (screen names).</summary>
    private static RealDataSet LoadSenate(string dir)
    {
        var ids = new IdMap();
        var follows = new List<(int, int)>();
        foreach (string line in File.ReadLines(Need(Path.Combine(dir, "qss-senate-twitter-follows", "twitter-following.csv"))).Skip(1))
        {
            var p = line.Split(',');
            if (p.Length < 2) continue;
            string s = p[0].Trim().Trim('"'), t = p[1].Trim().Trim('"');
            if (s.Length > 0 && t.Length > 0 && s != t) follows.Add((ids.GetOrAdd(s), ids.GetOrAdd(t)));
        }
        return new RealDataSet("qss-senate-twitter-follows", "Follows only (no interactions).", ids, follows, new InteractionLog());
    }
}
