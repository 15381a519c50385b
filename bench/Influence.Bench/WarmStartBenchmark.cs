using System.Diagnostics;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Bench;

/// <summary>
/// <c>warm</c>: a re-run after ingesting a share of new edges, cold against warm (issue 14) and community-id
/// stability (issue 12). The world is generated; its newest ties are simulated by holding out a random share
/// of follows and interactions for the first run and adding them back for the second.
/// </summary>
public static class WarmStartBenchmark
{
    private static readonly string[] s_kernelStages = ["pagerank_follows", "pagerank_interactions", "communities"];

    /// <summary><c>warm [--accounts N] [--seed S] [--added 0.01] [--rounds R] [--benchmark-profile | --block-cascade]</c>.</summary>
    public static int Run(string[] args)
    {
        var options = new BenchOptions("warm", args);
        int accounts = options.Int("--accounts", 20_000, min: 10), seed = options.Int("--seed", 1), rounds = options.Int("--rounds", 1, min: 1);
        double added = options.Double("--added", 0.01, above: 0, below: 0.5);
        bool benchmarkProfile = options.Flag("--benchmark-profile"), blockCascade = options.Flag("--block-cascade");
        if (!options.Complete()) return BenchOptions.UsageExit;
        Console.WriteLine($"# reproduce: dotnet run -c Release --project bench/Influence.Bench -- warm --accounts {accounts} --seed {seed} --added {added} --rounds {rounds}{(benchmarkProfile ? " --benchmark-profile" : "")}{(blockCascade ? " --block-cascade" : "")}");
        Console.WriteLine($"# load: {File.ReadAllText("/proc/loadavg").Trim()} (cpus {Environment.ProcessorCount})");
        var worldConfig = benchmarkProfile ? SyntheticWorldConfig.ForBenchmark(accounts, seed) : new SyntheticWorldConfig { Accounts = accounts, Seed = seed };
        SyntheticWorld world = blockCascade
            ? BlockCascadeWorldGenerator.Generate(new BlockCascadeWorldConfig { Accounts = accounts, Seed = seed })
            : SyntheticWorldGenerator.Generate(worldConfig);
        InfluenceInput before = world.ToInput(added, seed);
        InfluenceInput after = world.ToInput();
        Console.WriteLine($"accounts {world.AccountCount:N0}; follows {before.Follows.EdgeCount:N0} → {after.Follows.EdgeCount:N0}; interactions {before.Interactions.Count:N0} → {after.Interactions.Count:N0} ({added:P1} added)");

        InfluenceAnalysisResult first = InfluenceAnalyzer.Run(before);
        var previous = PreviousRun.From(first);
        first = null!;
        InfluenceAnalysisResult cold = null!, matchedOnly = null!, warm = null!;
        var coldMs = new List<double>();
        var warmMs = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            // Side by side in one process, alternating, so machine load hits both alike.
            cold = InfluenceAnalyzer.Run(after);
            coldMs.Add(KernelMs(cold));
            warm = InfluenceAnalyzer.Run(after with { Previous = previous });
            warmMs.Add(KernelMs(warm));
        }
        matchedOnly = InfluenceAnalyzer.Run(after with { Previous = previous }, new InfluenceConfig { WarmStart = false });

        PrintTimings("cold", cold);
        PrintTimings("warm", warm);
        double coldMedian = Median(coldMs), warmMedian = Median(warmMs);
        Console.WriteLine($"kernel stages (PageRank ×2 + communities), median of {rounds}: cold {coldMedian:N0} ms, warm {warmMedian:N0} ms → {coldMedian / warmMedian:0.00}× faster (goal ≥ 3×); " +
            $"whole analysis {cold.Summary.TimingsMs["total"] / warm.Summary.TimingsMs["total"]:0.00}×");
        Console.WriteLine($"modularity: cold {cold.Summary.Modularity:0.00000}, warm {warm.Summary.Modularity:0.00000}, difference {warm.Summary.Modularity - cold.Summary.Modularity:G3} (goal within 0.002); " +
            $"PageRank iterations cold {cold.Summary.PageRankIterations}/{cold.Summary.InfluenceIterations}, warm {warm.Summary.PageRankIterations}/{warm.Summary.InfluenceIterations}");
        Console.WriteLine($"top-100 identical in order: pagerank {SameTop(cold, warm, m => m.PageRank)}, attention {SameTop(cold, warm, m => m.Attention)}, influence {SameTop(cold, warm, m => m.Influence)}");
        Console.WriteLine($"communities: cold {cold.Summary.Communities:N0}, warm {warm.Summary.Communities:N0}");
        Console.WriteLine($"same community id after the re-run (share of carried accounts): cold, run's own ids {KeptShareUnmatched(previous, cold):P2}; " +
            $"cold, ids matched {Kept(matchedOnly):P2}; warm, ids matched {Kept(warm):P2} (goal ≥ 98 %)");
        return 0;
    }

    private static double KernelMs(InfluenceAnalysisResult r)
    {
        double ms = 0;
        foreach (string stage in s_kernelStages) ms += r.Summary.TimingsMs[stage];
        return ms;
    }

    private static void PrintTimings(string label, InfluenceAnalysisResult r) =>
        Console.WriteLine($"{label}: " + string.Join(", ", s_kernelStages.Append("total").Select(s => $"{s} {r.Summary.TimingsMs[s]:N0} ms")) +
            $" (warm start {r.Summary.WarmStart}, {r.Summary.CommunityPasses} Leiden passes, {r.Summary.CommunityGraph})");

    private static double Kept(InfluenceAnalysisResult r) =>
        1 - (double)r.Summary.AccountsChangedCommunity!.Value / r.Summary.AccountsCarried!.Value;

    /// <summary>Without matching: the share whose canonical (largest-first) id happens to be the same.</summary>
    private static double KeptShareUnmatched(PreviousRun previous, InfluenceAnalysisResult r)
    {
        var index = new Dictionary<string, int>(r.AccountIds.Count, StringComparer.Ordinal);
        for (int v = 0; v < r.AccountIds.Count; v++) index[r.AccountIds[v]] = v;
        int carried = 0, same = 0;
        for (int i = 0; i < previous.AccountIds.Count; i++)
        {
            if (!index.TryGetValue(previous.AccountIds[i], out int v)) continue;
            carried++;
            if (r.Accounts[v].Community == previous.Community[i]) same++;
        }
        return carried == 0 ? 1 : (double)same / carried;
    }

    private static bool SameTop(InfluenceAnalysisResult a, InfluenceAnalysisResult b, Func<AccountMetrics, double> key)
    {
        int[] Top(InfluenceAnalysisResult r) => Enumerable.Range(0, r.Accounts.Length)
            .OrderByDescending(v => key(r.Accounts[v])).ThenBy(v => v).Take(100).ToArray();
        return Top(a).SequenceEqual(Top(b));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
