using System.Diagnostics;
using Influence.Core.Algorithms;
using Influence.Core.Graph;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Bench;

/// <summary>
/// <c>segment</c>: a segment list (personalised PageRank from seed accounts on the interaction graph) by the
/// exact power iteration and by forward push (<see cref="PersonalizedPush"/>), side by side: time, work, and how
/// far the push's scores and top lists are from the exact ones.
/// </summary>
public static class SegmentBenchmark
{
    /// <summary><c>segment [--accounts N] [--seed S] [--seeds K] [--queries Q] [--epsilon E[,E2…]]</c>.</summary>
    public static int Run(string[] args)
    {
        var options = new BenchOptions("segment", args);
        int accounts = options.Int("--accounts", 1_000_000, min: 100), seed = options.Int("--seed", 1);
        int seedCount = options.Int("--seeds", 10, min: 1), queries = options.Int("--queries", 5, min: 1);
        double[] epsilons = options.Parsed("--epsilon", [new PushConfig().Epsilon], text => TryEpsilons(text, out double[] e) ? e : null,
            "positive numbers separated by commas");
        if (!options.Complete()) return BenchOptions.UsageExit;
        Console.WriteLine($"# reproduce: dotnet run -c Release --project bench/Influence.Bench -- segment --accounts {accounts} --seed {seed} --seeds {seedCount} --queries {queries} --epsilon {string.Join(',', epsilons)}");
        Console.WriteLine($"# load: {File.ReadAllText("/proc/loadavg").Trim()} (cpus {Environment.ProcessorCount})");
        SyntheticWorld world = SyntheticWorldGenerator.Generate(SyntheticWorldConfig.ForBenchmark(accounts, seed));
        InfluenceInput input = world.ToInput();
        var clock = Stopwatch.StartNew();
        DirectedGraph graph = InteractionGraph.Build(input);
        Console.WriteLine($"accounts {accounts:N0}, interactions {input.Interactions.Count:N0}, interaction ties {graph.EdgeCount:N0}; " +
            $"interaction graph built in {clock.Elapsed.TotalMilliseconds:N0} ms (once per snapshot in the service)");

        var rng = new Random(seed);
        var exactMs = new List<double>();
        var pushMs = new List<double>();
        var pushCpuMs = new List<double>();
        for (int q = 0; q < queries; q++)
        {
            // Seeds: ordinary members of one true community, as a campaign segment would be.
            int community = world.TrueCommunity[rng.Next(accounts)];
            int[] seeds = Enumerable.Range(0, accounts).Where(v => world.TrueCommunity[v] == community).OrderBy(_ => rng.Next()).Take(seedCount).ToArray();
            clock.Restart();
            PageRankResult exact = PageRank.Compute(graph, new PageRankConfig { Weighted = true, Seeds = seeds });
            exactMs.Add(clock.Elapsed.TotalMilliseconds);
            Console.WriteLine($"query {q + 1}: exact {exactMs[^1]:N1} ms ({exact.Iterations} iterations)");
            int[] exactTop20 = Top(exact.Scores, 20), exactTop100 = Top(exact.Scores, 100), exactTop500 = Top(exact.Scores, 500);
            foreach (double epsilon in epsilons)
            {
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                PushResult push = PersonalizedPush.Compute(graph, seeds, new PushConfig { Epsilon = epsilon });
                // CPU time beside wall: on a shared machine the wall time is mostly waiting for a core.
                double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
                if (epsilon == epsilons[0]) { pushMs.Add(push.Elapsed.TotalMilliseconds); pushCpuMs.Add(cpuMs); }
                double l1 = 0;
                for (int v = 0; v < accounts; v++) l1 += Math.Abs(exact.Scores[v] - push.Scores[v]);
                int[] top20 = Top(push.Scores, 20);
                Console.WriteLine($"  push ε {epsilon:E0}: {push.Elapsed.TotalMilliseconds:N1} ms wall, {cpuMs:N0} ms CPU ({push.Pushes:N0} pushes, {push.EdgeVisits:N0} edge visits, " +
                    $"{push.Reached.Length:N0} accounts reached, residual {push.ResidualMass:E1}); L1 {l1:E1}; top-20 same order {exactTop20.SequenceEqual(top20)}, " +
                    $"top-20 overlap {exactTop20.Intersect(top20).Count()}/20, top-100 overlap {exactTop100.Intersect(Top(push.Scores, 100)).Count()}/100, " +
                    $"top-500 overlap {exactTop500.Intersect(Top(push.Scores, 500)).Count()}/500");
            }
        }
        Console.WriteLine($"median: exact {Median(exactMs):N1} ms, push (ε {epsilons[0]:E0}) {Median(pushMs):N1} ms wall, {Median(pushCpuMs):N0} ms CPU");
        return 0;
    }

    private static bool TryEpsilons(string text, out double[] epsilons)
    {
        epsilons = text.Split(',').Select(t => double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out double e) && e > 0 ? e : double.NaN).ToArray();
        return epsilons.Length > 0 && epsilons.All(double.IsFinite);
    }

    private static int[] Top(double[] scores, int k) =>
        Enumerable.Range(0, scores.Length).OrderByDescending(v => scores[v]).ThenBy(v => v).Take(k).ToArray();

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
