using System.Diagnostics;
using Influence.Core.Campaigns;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Bench;

/// <summary>
/// <c>plan [--accounts N] [--seed S] [-k K] [--epsilon E] [--no-spread]</c>: campaign planning speed on the benchmark
/// world (1M accounts ≈ 10M follows, 5M interactions): the engaged-audience index, reach over the whole graph,
/// reach in the largest community, and spread (IMM) over the whole graph. The analysis that feeds the planner
/// (roles, communities) is run first and not counted: a served run already has it.
/// </summary>
public static class PlanBenchmark
{
    public static int Run(string[] args)
    {
        var options = new BenchOptions("plan", args);
        int accounts = options.Int("--accounts", 1_000_000, min: 100), seed = options.Int("--seed", 1);
        int k = options.Int("-k", 50, min: 1, max: CampaignPlanConfig.MaxK);
        double epsilon = options.Double("--epsilon", 0.2, above: 0, below: 1);
        bool spread = !options.Flag("--no-spread");
        if (!options.Complete()) return BenchOptions.UsageExit;
        Console.WriteLine($"# reproduce: dotnet run -c Release --project bench/Influence.Bench -- plan --accounts {accounts} --seed {seed} -k {k} --epsilon {epsilon}{(spread ? "" : " --no-spread")}");
        var watch = Stopwatch.StartNew();
        SyntheticWorld world = SyntheticWorldGenerator.Generate(SyntheticWorldConfig.ForBenchmark(accounts, seed));
        InfluenceInput input = world.ToInput();
        InfluenceAnalysisResult result = InfluenceAnalyzer.Run(input);
        Console.WriteLine($"accounts {accounts:N0}, follows {input.Follows.EdgeCount:N0}, interactions {input.Interactions.Count:N0} (world + analysis {watch.Elapsed.TotalSeconds:N1} s, not counted)");

        // Wall time and this process's CPU time side by side: on a loaded machine the CPU time is the honest figure.
        var (index, indexCpu) = Cpu(() => EngagedAudienceIndex.Build(input.Interactions, input.Ids.Count));
        Console.WriteLine($"engaged-audience index: {index.PairCount:N0} pairs, CPU {indexCpu:N0} ms");

        Print("reach, whole graph", Cpu(() => CampaignPlanner.Plan(result, index, CampaignScope.WholeGraph, new CampaignPlanConfig { K = k })));
        CommunitySummary largest = result.Communities.OrderByDescending(c => c.Size).ThenBy(c => c.Id).First();
        CommunitySummary median = result.Communities.OrderByDescending(c => c.Size).ThenBy(c => c.Id).ElementAt(result.Communities.Length / 2);
        Print($"reach, largest community ({largest.Size:N0} members)", Cpu(() => CampaignPlanner.Plan(result, index, CampaignScope.OfCommunity(largest.Id), new CampaignPlanConfig { K = k })));
        Print($"reach, median community ({median.Size:N0} members)", Cpu(() => CampaignPlanner.Plan(result, index, CampaignScope.OfCommunity(median.Id), new CampaignPlanConfig { K = k })));
        if (spread)
        {
            var (model, modelCpu) = Cpu(() => CascadeModel.FromAudience(index));
            Console.WriteLine($"cascade model: CPU {modelCpu:N0} ms");
            Print($"spread, whole graph, ε = {epsilon}", Cpu(() => CampaignPlanner.Plan(result, index, CampaignScope.WholeGraph,
                new CampaignPlanConfig { K = k, Objective = CampaignObjective.Spread, Epsilon = epsilon }, cascade: model)));
        }
        Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static (T Value, double CpuMs) Cpu<T>(Func<T> work)
    {
        TimeSpan before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        T value = work();
        return (value, (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
    }

    /// <summary>
    /// <c>plan-lift [--data DIR]</c>: the plan's value beside the top-k by followers and by influence (reach, k = 10 and 20)
    /// over the whole graph and the five largest communities, on the demo world (10,000 accounts, seed 1) and on
    /// greene-twitter-olympics-pp from ../shared/data (skipped with a message when absent).
    /// </summary>
    public static int Lift(string[] args)
    {
        var options = new BenchOptions("plan-lift", args);
        string data = options.Text("--data") ?? Path.Combine("..", "shared", "data");
        if (!options.Complete()) return BenchOptions.UsageExit;
        Console.WriteLine($"# reproduce: dotnet run -c Release --project bench/Influence.Bench -- plan-lift --data {data}");
        var demo = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 10_000, Seed = 1 }).ToInput();
        LiftTable("demo world (10,000 accounts, seed 1)", demo);
        try
        {
            LiftTable("greene-twitter-olympics-pp (follows + mentions + retweets)", RealDataCheck.LoadGreene(data).ToInput());
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Console.WriteLine($"greene-twitter-olympics-pp skipped: {e.Message}");
        }
        return 0;
    }

    private static void LiftTable(string name, InfluenceInput input)
    {
        InfluenceAnalysisResult result = InfluenceAnalyzer.Run(input);
        var index = EngagedAudienceIndex.Build(input.Interactions, input.Ids.Count);
        Console.WriteLine($"## {name}: {input.Ids.Count:N0} accounts, {input.Interactions.Count:N0} interactions, {index.PairCount:N0} engaged pairs");
        Console.WriteLine("| scope | people | k | plan | top-k by followers | lift | top-k by influence | lift |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var scopes = new List<CampaignScope> { CampaignScope.WholeGraph };
        scopes.AddRange(result.Communities.OrderByDescending(c => c.Size).ThenBy(c => c.Id).Take(5).Select(c => CampaignScope.OfCommunity(c.Id)));
        foreach (CampaignScope scope in scopes)
        foreach (int k in new[] { 10, 20 })
        {
            CampaignPlan p = CampaignPlanner.Plan(result, index, scope, new CampaignPlanConfig { K = k });
            Console.WriteLine($"| {scope.Describe()} | {p.ScopeSize:N0} | {k} | {p.Value:N0} | {p.ByFollowers.Value:N0} | ×{p.LiftOverFollowers:0.00} | {p.ByInfluence.Value:N0} | ×{p.LiftOverInfluence:0.00} |");
        }
    }

    private static void Print(string what, (CampaignPlan Plan, double CpuMs) measured)
    {
        CampaignPlan plan = measured.Plan;
        string sampling = plan.Sampling is { } s ? $", {s.Samples:N0} RR sets (LB {s.LowerBound:N0}{(s.Capped ? ", CAPPED" : "")})" : "";
        Console.WriteLine($"{what}: k {plan.Picks.Length}, value {plan.Value:N0}, top-k by followers {plan.ByFollowers.Value:N0} " +
            $"(lift ×{plan.LiftOverFollowers:0.00}), by influence {plan.ByInfluence.Value:N0} (×{plan.LiftOverInfluence:0.00}); wall {plan.Elapsed.TotalMilliseconds:N0} ms, CPU {measured.CpuMs:N0} ms{sampling}");
    }
}
