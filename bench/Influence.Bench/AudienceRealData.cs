using System.Globalization;
using Influence.Core.Audience;
using Influence.Core.Model;

namespace Influence.Bench;

/// <summary>
/// <c>audience --real [--data DIR]</c>: the audience components on the real follow graphs of ../shared/data (the sets
/// <see cref="RealDataCheck"/> loads). None has follow times, so growth spikes and suspected fakes cannot be judged; what
/// is computed is the mass-follower share, the inactive-follower share where the data hold interactions, engagement for
/// size and the score. Prints each one's distribution over the accounts with followers and the accounts they flag.
/// </summary>
public static class AudienceRealData
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string data)
    {
        Console.WriteLine($"# audience quality on real data ({data}); load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("# reproduce: dotnet run -c Release --project bench/Influence.Bench -- audience --real [--data DIR]");
        foreach (var (name, load) in RealDataCheck.Sets)
        {
            RealDataCheck.RealDataSet set;
            try { set = load(data); }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                Console.WriteLine($"{name}: skipped: {e.Message}");
                continue;
            }
            InfluenceInput input = set.ToInput();
            InfluenceAnalysisResult run = InfluenceAnalyzer.Run(input);
            Describe(name, set.Note, input, run);
        }
        return 0;
    }

    private static void Describe(string name, string note, InfluenceInput input, InfluenceAnalysisResult run)
    {
        AccountMetrics[] accounts = run.Accounts;
        var scored = new List<int>();
        int maxOut = 0;
        for (int v = 0; v < accounts.Length; v++)
        {
            if (accounts[v].Followers > 0) scored.Add(v);
            maxOut = Math.Max(maxOut, accounts[v].Following);
        }
        bool interactions = input.Interactions.Count > 0;
        Console.WriteLine();
        Console.WriteLine($"{name}: {accounts.Length:N0} accounts ({scored.Count:N0} with followers), {input.Follows.EdgeCount:N0} follows, " +
            $"{input.Interactions.Count:N0} interactions; follow times: {(input.Follows.HasFollowTimes ? "yes" : "no")}. {note}");
        Console.WriteLine($"  mass-following threshold {run.Summary.MassFollowingThreshold:N0} (largest out-degree {maxOut:N0}); " +
            $"suspicious spikes {run.Summary.SuspiciousSpikes}, suspected fakes {run.Summary.SuspectedFakeAccounts}");
        Console.WriteLine("  column                      min    p10 median    p90    max   mean");
        Row("mass_follower_share", scored, accounts, m => m.MassFollowerShare);
        if (interactions)
        {
            Row("inactive_follower_share", scored, accounts, m => m.InactiveFollowerShare);
            Row("engagement_rate_percentile", scored, accounts, m => m.EngagementRatePercentile);
        }
        else Console.WriteLine("  inactive_follower_share, engagement_rate_percentile: unknown (no interactions; both parts count 0.5)");
        Row("audience_quality", scored, accounts, m => m.AudienceQuality);
        int withMass = scored.Count(v => accounts[v].MassFollowerShare > 0);
        Console.WriteLine($"  accounts with any mass follower: {withMass:N0} of {scored.Count:N0}");
        WithoutTheFloor(input, scored);
        double low = scored.Min(v => accounts[v].AudienceQuality), high = scored.Max(v => accounts[v].AudienceQuality);
        if (low == high)
        {
            Console.WriteLine(string.Create(Inv, $"  every account with followers scores {low:0.0}: nothing in these data tells their audiences apart"));
            return;
        }
        Console.WriteLine("  lowest audience quality (account, followers, score = reachable / active / engagement for size):");
        foreach (int v in scored.OrderBy(v => accounts[v].AudienceQuality).ThenBy(v => run.AccountIds[v], StringComparer.Ordinal).Take(5))
        {
            ref readonly AccountMetrics m = ref accounts[v];
            AudienceComponents c = AudienceAnalysis.Components(m, interactions);
            string detail = interactions ? string.Create(Inv, $"  (inactive {m.InactiveFollowerShare:P0}, engagement rate {m.EngagementRate:0.00} per follower)") : "";
            Console.WriteLine(string.Create(Inv, $"    {run.AccountIds[v],-22} {m.Followers,5}  {m.AudienceQuality,5:0.0} = {c.Reachable:0.00} / {c.Active:0.00} / {c.EngagementForSize:0.00}") + detail);
        }
    }

    /// <summary>The mass-follower share if the threshold were the graph's own 99th percentile of out-degrees, without the floor of 200.</summary>
    private static void WithoutTheFloor(InfluenceInput input, List<int> scored)
    {
        var graph = input.Follows;
        var outDegrees = new List<double>();
        for (int v = 0; v < graph.NodeCount; v++) if (graph.OutDegree(v) > 0) outDegrees.Add(graph.OutDegree(v));
        if (outDegrees.Count == 0) return;
        double cut = RankStatistics.Percentile(outDegrees.ToArray(), 100 * new AudienceConfig().MassFollowingPercentile);
        var shares = new List<double>(scored.Count);
        foreach (int v in scored)
        {
            int mass = 0;
            foreach (int u in graph.InNeighbors(v)) if (graph.OutDegree(u) >= cut) mass++;
            shares.Add((double)mass / graph.InDegree(v));
        }
        shares.Sort();
        Console.WriteLine(string.Create(Inv,
            $"  without the floor (cut = 99th percentile of out-degrees = {cut:0}): mass-follower share median {shares[shares.Count / 2]:0.000}, " +
            $"p90 {shares[Math.Clamp((int)Math.Ceiling(0.9 * shares.Count) - 1, 0, shares.Count - 1)]:0.000}, max {shares[^1]:0.000}; " +
            $"{shares.Count(x => x > 0):N0} accounts with any"));
    }

    private static void Row(string column, List<int> scored, AccountMetrics[] accounts, Func<AccountMetrics, double> get)
    {
        var values = new List<double>(scored.Count);
        foreach (int v in scored) if (!double.IsNaN(get(accounts[v]))) values.Add(get(accounts[v]));
        if (values.Count == 0) { Console.WriteLine($"  {column,-26} (none)"); return; }
        values.Sort();
        double P(double p) => values[Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1)];  // nearest rank
        Console.WriteLine(string.Create(Inv, $"  {column,-26} {values[0],6:0.000} {P(0.1),6:0.000} {P(0.5),6:0.000} {P(0.9),6:0.000} {values[^1],6:0.000} {values.Average(),6:0.000}"));
    }
}
