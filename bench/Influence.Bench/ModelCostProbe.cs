using System.Diagnostics;
using Influence.Core.Algorithms;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Bench;

/// <summary>Figures of one cost measurement (milliseconds unless named otherwise).</summary>
/// <param name="KernelMs">Kernel only, on the follow graph: reciprocity + PageRank + community detection + WCC.</param>
/// <param name="ModelMs">The full <see cref="InfluenceAnalyzer.Run"/> on the same input.</param>
/// <param name="Overhead">ModelMs / KernelMs − 1: end to end against the separate kernel run (sensitive to JIT tiering and machine load between the two runs).</param>
/// <param name="StageOverhead">Within the one model run: (model-only stages) / (kernel stages: reciprocity, pagerank_follows,
/// communities, components) — the figure the ≤ 0.5 target is checked against, immune to drift between runs.</param>
/// <param name="ModelTimingsMs">Per-stage timings of the full run (summary.json <c>timings_ms</c>).</param>
public sealed record ModelCost(int Accounts, long Follows, long Interactions, double GenerateMs, double BuildInputMs,
    double KernelMs, IReadOnlyDictionary<string, double> KernelTimingsMs, double ModelMs,
    IReadOnlyDictionary<string, double> ModelTimingsMs, double Overhead, double StageOverhead, long ManagedBytesAfterModel);

/// <summary>
/// Measures what the influence model adds to the graph kernel on a synthetic world, for the bench
/// and docs/performance-model.md. Pure compute with a stopwatch; the caller prints the figures.
/// </summary>
public static class ModelCostProbe
{
    /// <summary>Generates the world, times the kernel alone on its follow graph, then the full model on the same input.</summary>
    /// <param name="world">World to generate, e.g. <see cref="SyntheticWorldConfig.ForBenchmark"/>.</param>
    /// <param name="config">Model configuration (its PageRank and community settings are used for the kernel run too).</param>
    public static ModelCost Measure(SyntheticWorldConfig world, InfluenceConfig? config = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        config ??= new InfluenceConfig();
        var watch = Stopwatch.StartNew();
        SyntheticWorld w = SyntheticWorldGenerator.Generate(world, cancellationToken);
        double generateMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        InfluenceInput input = w.ToInput();
        double buildMs = watch.Elapsed.TotalMilliseconds;

        // Kernel only, on the follow graph.
        var kernel = new Dictionary<string, double>();
        watch.Restart();
        Reciprocity.Compute(input.Follows, cancellationToken);
        kernel["reciprocity"] = Lap(watch);
        PageRank.Compute(input.Follows, config.PageRank, null, cancellationToken);
        kernel["pagerank"] = Lap(watch);
        CommunityDetection.Compute(input.Follows, config.Community, null, cancellationToken);
        kernel["communities"] = Lap(watch);
        WeaklyConnectedComponents.Compute(input.Follows, cancellationToken);
        kernel["components"] = Lap(watch);
        double kernelMs = 0;
        foreach (double ms in kernel.Values) kernelMs += ms;

        watch.Restart();
        InfluenceAnalysisResult result = InfluenceAnalyzer.Run(input, config, null, cancellationToken);
        double modelMs = watch.Elapsed.TotalMilliseconds;
        long bytes = GC.GetTotalMemory(false);
        GC.KeepAlive(result);
        var t = result.Summary.TimingsMs;
        double kernelStages = t["reciprocity"] + t["pagerank_follows"] + t["communities"] + t["components"];
        double modelStages = t["total"] - kernelStages;
        return new ModelCost(w.AccountCount, input.Follows.EdgeCount, w.Interactions.Count, generateMs, buildMs,
            kernelMs, kernel, modelMs, t, modelMs / kernelMs - 1, modelStages / kernelStages, bytes);
    }

    /// <summary><c>model [--accounts N] [--seed S]</c>: prints what the model adds to the kernel on the benchmark world.</summary>
    public static int Run(string[] args)
    {
        var options = new BenchOptions("model", args);
        int accounts = options.Int("--accounts", 200_000, min: 10), seed = options.Int("--seed", 1);
        if (!options.Complete()) return BenchOptions.UsageExit;
        ModelCost cost = Measure(SyntheticWorldConfig.ForBenchmark(accounts, seed));
        Console.WriteLine($"# reproduce: dotnet run -c Release --project bench/Influence.Bench -- model --accounts {accounts} --seed {seed}");
        Console.WriteLine($"accounts {cost.Accounts:N0}, follows {cost.Follows:N0}, interactions {cost.Interactions:N0}");
        Console.WriteLine($"kernel alone {cost.KernelMs:N0} ms ({string.Join(", ", cost.KernelTimingsMs.Select(kv => $"{kv.Key} {kv.Value:N0}"))})");
        Console.WriteLine($"full model {cost.ModelMs:N0} ms ({string.Join(", ", cost.ModelTimingsMs.Select(kv => $"{kv.Key} {kv.Value:N0}"))})");
        Console.WriteLine($"model-only stages / kernel stages = {cost.StageOverhead:P1}; end to end vs the separate kernel run {cost.Overhead:P1}; managed heap after {cost.ManagedBytesAfterModel / 1048576.0:N0} MiB");
        return 0;
    }

    private static double Lap(Stopwatch watch)
    {
        double ms = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        return ms;
    }
}
