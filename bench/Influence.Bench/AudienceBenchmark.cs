using System.Diagnostics;
using System.Globalization;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Bench;

/// <summary>
/// <c>audience [--quick] [--seed-offset K] [--only NAME]</c>: plants follower purchases and organic viral spikes on every
/// world of <see cref="ValidationFamily"/> (settings drawn per world, <see cref="AudiencePlantConfig.ForFamilyMember"/>), runs
/// the full analysis and scores the audience verdicts against the truth; prints one row per world and the minimum.
/// <c>audience --cost [--accounts N]</c>: what the audience stages add to <c>analyze</c> on the benchmark world.
/// <c>audience --real [--data DIR]</c>: the components that can be computed on the real follow graphs (<see cref="AudienceRealData"/>).
/// </summary>
public static class AudienceBenchmark
{
    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    public static int Run(string[] args)
    {
        var options = new BenchOptions("audience", args);
        if (options.Flag("--cost")) return Cost(options);
        if (options.Flag("--real"))
        {
            string data = options.Text("--data") ?? Path.Combine("..", "shared", "data");
            return options.Complete() ? AudienceRealData.Run(data) : BenchOptions.UsageExit;
        }
        bool quick = options.Flag("--quick"), explain = options.Flag("--explain");
        string? only = options.Text("--only");
        int seedOffset = options.Int("--seed-offset", 0, min: 0);
        double scale = options.Double("--scale", quick ? 0.3 : 1, above: 0);
        if (!options.Complete()) return BenchOptions.UsageExit;
        var members = ValidationFamily.Members(scale, seedOffset);
        Console.WriteLine($"# audience quality on the validation family ({members.Count} worlds{(quick ? ", quick: ×0.3 size" : "")}{(seedOffset == 0 ? "" : $", seeds +{seedOffset}")}), purchases and viral spikes planted per world");
        Console.WriteLine($"# reproduce: dotnet run -c Release --project bench/Influence.Bench -- audience{(quick ? " --quick" : "")}{(seedOffset == 0 ? "" : $" --seed-offset {seedOffset}")}");
        Console.WriteLine("world                    gen    accounts fakes flagged fakeP  fakeR  targets tgtP   tgtR   viral viralFl buyerQ viralQ gap    s");
        var rows = new List<AudienceValidationScore>();
        for (int i = 0; i < members.Count; i++)
        {
            ValidationWorld member = members[i];
            if (only is not null && !member.Name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
            var watch = Stopwatch.StartNew();
            SyntheticWorld world = AudiencePlanting.Plant(member.Generate(CancellationToken.None), AudiencePlantConfig.ForFamilyMember(i, seedOffset));
            InfluenceAnalysisResult result = InfluenceAnalyzer.Run(world.ToInput());
            var row = AudienceValidationScore.Of(world, result);
            rows.Add(row);
            if (explain) Explain(world, result);
            Console.WriteLine($"{member.Name,-24} {(world.Generator == "synthetic" ? "syn" : "bc"),-5} {world.AccountCount,9} {row.Fakes,5} {row.Flagged,7} {F(row.FakePrecision)}  {F(row.FakeRecall)}  {row.PurchaseTargets,7} {F(row.TargetPrecision)}  {F(row.TargetRecall)}  {row.ViralSpikes,5} {F(row.ViralFlaggedShare)}   {row.BuyerQuality,6:0.0} {row.ViralQuality,6:0.0} {row.QualityGap,6:0.0} {watch.Elapsed.TotalSeconds,4:0}");
        }
        if (rows.Count == 0) { Console.Error.WriteLine($"audience: no world matches --only '{only}'."); return 2; }
        Console.WriteLine($"minimum over worlds: fake precision {F(rows.Min(r => r.FakePrecision))}, fake recall {F(rows.Min(r => r.FakeRecall))}, " +
            $"purchase-target precision {F(rows.Min(r => r.TargetPrecision))}, recall {F(rows.Min(r => r.TargetRecall))}; " +
            $"organic spikes flagged at most {F(rows.Max(r => r.ViralFlaggedShare))}; score gap (viral − buyer) at least {rows.Min(r => r.QualityGap):0.0} points");
        Console.WriteLine("targets: precision and recall ≥ 0.9, organic flagged ≤ 0.10, gap ≥ 15 points");
        return 0;
    }

    /// <summary>Prints the reasons of up to 5 missed purchase targets, 5 false alarms and 5 flagged viral accounts of a world.</summary>
    private static void Explain(SyntheticWorld world, InfluenceAnalysisResult result)
    {
        InfluenceInput input = world.ToInput();
        var context = Influence.Core.Audience.AudienceContext.Build(input);
        int missed = 0, falseAlarms = 0, viral = 0;
        for (int v = 0; v < world.AccountCount; v++)
        {
            AccountTraits t = world.Traits[v];
            ref readonly AccountMetrics m = ref result.Accounts[v];
            bool target = (t & AccountTraits.BoughtFollowersTarget) != 0, spiked = m.SuspiciousSpikes > 0;
            string? label = target && !spiked && missed++ < 5 ? "MISSED" : !target && spiked && falseAlarms++ < 5 ? "FALSE ALARM"
                : (t & AccountTraits.ViralSpikeTarget) != 0 && spiked && viral++ < 5 ? "VIRAL FLAGGED" : null;
            if (label is null) continue;
            var report = Influence.Core.Audience.AudienceReports.Build(context, v, m, Influence.Core.Audience.EngagementTiers.Decade(m.Followers), true);
            Console.WriteLine($"  {label} {world.Ids[v]} ({t}, {world.Personas[v]}): followers {m.Followers}");
            foreach (string r in report.Reasons) Console.WriteLine($"    {r}");
        }
    }

    /// <summary>Audience stages (audience + audience_quality) against the rest of one <c>analyze</c> run on the benchmark world.</summary>
    private static int Cost(BenchOptions options)
    {
        int accounts = options.Int("--accounts", 200_000, min: 10);
        if (!options.Complete()) return BenchOptions.UsageExit;
        SyntheticWorld world = SyntheticWorldGenerator.Generate(SyntheticWorldConfig.ForBenchmark(accounts));
        var input = world.ToInput();
        InfluenceAnalyzer.Run(SyntheticWorldGenerator.Generate(SyntheticWorldConfig.ForBenchmark(20_000, seed: 2)).ToInput()); // warm the JIT
        var watch = Stopwatch.StartNew();
        InfluenceAnalysisResult result = InfluenceAnalyzer.Run(input);
        double total = watch.Elapsed.TotalMilliseconds;
        var t = result.Summary.TimingsMs;
        double audience = t["audience"] + t["audience_quality"];
        Console.WriteLine($"# audience cost: {accounts:N0} accounts, {input.Follows.EdgeCount:N0} follows (with times), {input.Interactions.Count:N0} interactions; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"# reproduce: dotnet run -c Release --project bench/Influence.Bench -- audience --cost --accounts {accounts}");
        Console.WriteLine($"analyze total {total:0} ms; audience {t["audience"]:0} ms + audience_quality {t["audience_quality"]:0} ms = {audience:0} ms; " +
            $"adds {100 * audience / (t["total"] - audience):0.0} % to the rest of analyze (target < 15 %); {result.Summary.SuspiciousSpikes} suspicious spikes, {result.Summary.SuspectedFakeAccounts} suspected fakes");
        return 0;
    }
}
