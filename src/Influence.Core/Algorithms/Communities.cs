using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Text.Json.Serialization;
using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

/// <summary>Community detection method.</summary>
public enum CommunityAlgorithm
{
    /// <summary>Leiden (Traag, Waltman, van Eck 2019): Louvain plus a refinement phase; communities are guaranteed connected.</summary>
    Leiden,
    /// <summary>Louvain (Blondel et al. 2008): local moving and aggregation, no refinement.</summary>
    Louvain,
}

/// <summary>How the directed graph becomes the undirected graph communities are found on.</summary>
public enum CommunityProjection
{
    /// <summary>Weight of {u,v} = w(u→v) + w(v→u) (a mutual pair weighs double; every arc weighs 1 on an unweighted graph).</summary>
    Weighted,
    /// <summary>Each connected pair once, weight 1 (weights and direction ignored).</summary>
    Simple,
}

/// <summary>Community detection parameters (modularity objective).</summary>
/// <remarks>
/// Defaults: Leiden, weighted projection, resolution 1, seed 42, 20 levels, 50 sweeps, randomness 0.01,
/// up to 10 passes (stops earlier once a pass leaves the partition unchanged or gains less than 1e-4).
/// </remarks>
public sealed record CommunityConfig
{
    /// <summary>Leiden (default) or Louvain.</summary>
    public CommunityAlgorithm Algorithm { get; init; } = CommunityAlgorithm.Leiden;
    /// <summary>Undirected projection of the directed graph. Default <see cref="CommunityProjection.Weighted"/>.</summary>
    public CommunityProjection Projection { get; init; } = CommunityProjection.Weighted;
    /// <summary>Modularity resolution γ &gt; 0 (finite). Default 1; larger → smaller communities.</summary>
    public double Resolution { get; init; } = 1.0;
    /// <summary>Random seed: same seed, same graph → same partition, whatever the thread count.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Maximum aggregation levels per pass, ≥ 1. Default 20.</summary>
    public int MaxLevels { get; init; } = 20;
    /// <summary>Local moving budget per level, ≥ 1: at most MaxSweeps sweeps over the level's nodes (so at most MaxSweeps × nodes visits). Default 50.</summary>
    public int MaxSweeps { get; init; } = 50;
    /// <summary>
    /// Leiden only: θ &gt; 0 of the refinement phase; a node joins a sub-community with probability
    /// ∝ exp(gain / θ), gain in edge-weight units. Small = nearly greedy. Default 0.01.
    /// </summary>
    public double Randomness { get; init; } = 0.01;
    /// <summary>
    /// Full passes, ≥ 1: each pass restarts the multilevel run from the previous partition (like igraph's
    /// <c>n_iterations</c>); the run stops early once a pass changes nothing or gains less than
    /// <see cref="Tolerance"/>. Default 10.
    /// </summary>
    public int MaxPasses { get; init; } = 10;
    /// <summary>
    /// Minimum modularity gain of a pass for another pass to run, ≥ 0 (0 = until the partition stops
    /// changing or <see cref="MaxPasses"/>). Default 1e-4, like GDS Leiden's <c>tolerance</c>.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;
    /// <summary>
    /// Worker threads for every phase (projection, local moving, refinement, aggregation, modularity), ≥ 1;
    /// null = all cores. The partition is identical for every value: nodes decide in blocks whose size
    /// depends only on the graph, and decisions are applied in a fixed order.
    /// </summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Warm start: a community label per node (each in [0, node count)) the first pass starts from instead of
    /// singletons, e.g. the previous run's partition with new nodes alone. Passes stop once one gains less than
    /// <see cref="Tolerance"/> over this start. Null = cold start.
    /// </summary>
    [JsonIgnore]
    public int[]? InitialPartition { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the parameter and its legal range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Algorithm))
            throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm, "Algorithm must be Leiden or Louvain.");
        if (!Enum.IsDefined(Projection))
            throw new ArgumentOutOfRangeException(nameof(Projection), Projection, "Projection must be Weighted or Simple.");
        if (double.IsNaN(Resolution) || double.IsInfinity(Resolution) || Resolution <= 0)
            throw new ArgumentOutOfRangeException(nameof(Resolution), Resolution, "Resolution must be finite and > 0.");
        if (MaxLevels < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxLevels), MaxLevels, "MaxLevels must be >= 1.");
        if (MaxSweeps < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxSweeps), MaxSweeps, "MaxSweeps must be >= 1.");
        if (double.IsNaN(Randomness) || double.IsInfinity(Randomness) || Randomness <= 0)
            throw new ArgumentOutOfRangeException(nameof(Randomness), Randomness, "Randomness must be finite and > 0.");
        if (MaxPasses < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxPasses), MaxPasses, "MaxPasses must be >= 1.");
        if (double.IsNaN(Tolerance) || double.IsInfinity(Tolerance) || Tolerance < 0)
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be finite and >= 0.");
        if (MaxDegreeOfParallelism is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be >= 1 (or null for all cores).");
    }
}

/// <param name="Community">Per node: community id, consecutive from 0 (largest community first, ties by smallest member).</param>
/// <param name="Count">Number of communities.</param>
/// <param name="Modularity">Modularity of the final partition on the projected graph (at the configured resolution); NaN without edges.</param>
/// <param name="ModularityPerLevel">Modularity after the local moving of each level, all passes in order.</param>
/// <param name="Elapsed">Wall-clock time including the projection.</param>
public sealed record CommunityResult(int[] Community, int Count, double Modularity, double[] ModularityPerLevel, TimeSpan Elapsed)
{
    /// <summary>Full passes run (see <see cref="CommunityConfig.MaxPasses"/>).</summary>
    public int Passes { get; init; }
    /// <summary>True when the passes stopped because the partition stopped changing or gained less than the tolerance (not at the pass cap).</summary>
    public bool DidConverge { get; init; }
    /// <summary>Row entries of the undirected projection (each undirected edge twice).</summary>
    public long ProjectedEntries { get; init; }
}

/// <summary>Modularity-based community detection (Leiden or Louvain) on an undirected projection of a directed graph.</summary>
/// <remarks>
/// Modularity Q = (1/2m) Σ_c [Σ_in(c) − γ K_c² / 2m] on the projection (<see cref="CommunityProjection"/>).
/// Leiden (Traag, Waltman, van Eck, "From Louvain to Leiden", Sci. Rep. 9:5233, 2019), per level:
/// (1) fast local moving (only neighbours of moved nodes are revisited);
/// (2) refinement: inside each community, start from singletons and merge well-connected nodes into
/// well-connected sub-communities, chosen at random ∝ exp(gain/θ) among non-negative gains — so every
/// community is connected; (3) aggregate the graph on the refined partition, with each aggregate node
/// starting in its non-refined community. Louvain skips (2) and aggregates on the moved partition.
/// Parallel as GVE-Leiden (Sahu 2023) but deterministic: local moving visits a seeded random node order in
/// blocks; the nodes of a block decide in parallel against the state at the block's start and their moves are
/// applied in order on one thread; refinement refines each community on its own (sequentially, in an order seeded
/// by the community), different communities on different threads; aggregation builds rows in parallel. Block sizes
/// depend only on the level's node count, so the result depends only on graph + config, never on the thread count.
/// Aggregated graphs are CSR; scratch arrays are reset only where touched. Time ≈ O(E) per level.
/// </remarks>
public static partial class CommunityDetection
{
    /// <summary>Finds communities. Progress reports a fraction in [0, 1] after each level.</summary>
    /// <exception cref="ArgumentException">Invalid config, or a negative/NaN weight with the weighted projection.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked during local moving and once per level).</exception>
    public static CommunityResult Compute(DirectedGraph graph, CommunityConfig? config = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        config ??= new CommunityConfig();
        config.Validate();
        if (config.InitialPartition is { } initial) CheckPartition(initial, graph.NodeCount, nameof(CommunityConfig.InitialPartition));
        var clock = Stopwatch.StartNew();
        var projected = UndirectedCsr.Project(graph, config.Projection, config.MaxDegreeOfParallelism, cancellationToken);
        var result = Run(projected, config, progress, cancellationToken);
        return result with { Elapsed = clock.Elapsed };
    }

    /// <summary>
    /// Finds communities on the ties of two graphs over the same nodes (each distinct directed tie of a layer weighs 1,
    /// a tie of both 2): the result <see cref="Compute"/> gives on that union graph, without building it
    /// (<see cref="UndirectedCsr.ProjectUnion"/>).
    /// </summary>
    public static CommunityResult ComputeOnUnion(DirectedGraph first, DirectedGraph second, CommunityConfig? config = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        config ??= new CommunityConfig();
        config.Validate();
        if (config.InitialPartition is { } initial) CheckPartition(initial, first.NodeCount, nameof(CommunityConfig.InitialPartition));
        var clock = Stopwatch.StartNew();
        var projected = UndirectedCsr.ProjectUnion(first, second, config.Projection, config.MaxDegreeOfParallelism, cancellationToken);
        var result = Run(projected, config, progress, cancellationToken);
        return result with { Elapsed = clock.Elapsed };
    }

    /// <summary>
    /// Finds communities on a projection the caller built (<see cref="UndirectedCsr.Project"/> or
    /// <see cref="UndirectedCsr.ProjectUnion"/>), so that it can let go of what it no longer needs while they are found:
    /// the analysis drops its interaction graph for that time (docs/performance.md, "100M follows").
    /// </summary>
    internal static CommunityResult ComputeOnProjection(UndirectedCsr projected, CommunityConfig config,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        config.Validate();
        if (config.InitialPartition is { } initial) CheckPartition(initial, projected.NodeCount, nameof(CommunityConfig.InitialPartition));
        var clock = Stopwatch.StartNew();
        var result = Run(projected, config, progress, cancellationToken);
        return result with { Elapsed = clock.Elapsed };
    }

    /// <summary>Modularity of a given partition on the projection of <paramref name="graph"/>.</summary>
    /// <param name="graph">The directed graph.</param>
    /// <param name="community">Community id per node, each in [0, node count).</param>
    /// <param name="projection">Projection the modularity is measured on.</param>
    /// <param name="resolution">γ &gt; 0.</param>
    /// <returns>Q; NaN when the projection has no edges (igraph's convention).</returns>
    public static double Modularity(DirectedGraph graph, ReadOnlySpan<int> community,
        CommunityProjection projection = CommunityProjection.Weighted, double resolution = 1.0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        CheckPartition(community, graph.NodeCount, nameof(community));
        if (!Enum.IsDefined(projection))
            throw new ArgumentOutOfRangeException(nameof(projection), projection, "Projection must be Weighted or Simple.");
        if (double.IsNaN(resolution) || double.IsInfinity(resolution) || resolution <= 0)
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Resolution must be finite and > 0.");
        return UndirectedCsr.Project(graph, projection).Modularity(community.ToArray(), resolution);
    }

    private static void CheckPartition(ReadOnlySpan<int> community, int nodeCount, string name)
    {
        if (community.Length != nodeCount)
            throw new ArgumentException($"Partition has {community.Length} entries but the graph has {nodeCount} nodes.", name);
        for (int i = 0; i < community.Length; i++)
        {
            if ((uint)community[i] >= (uint)nodeCount)
                throw new ArgumentOutOfRangeException(name, community[i], $"{name}[{i}] = {community[i]} is not in [0, {nodeCount}).");
        }
    }

    private static CommunityResult Run(UndirectedCsr g0, CommunityConfig config, IProgress<double>? progress, CancellationToken ct)
    {
        int n = g0.NodeCount;
        int[] partition;
        if (config.InitialPartition is { } initial) partition = (int[])initial.Clone();
        else
        {
            partition = new int[n];
            for (int i = 0; i < n; i++) partition[i] = i;
        }
        var perLevel = new List<double>();
        if (n == 0 || !(g0.TotalWeight > 0))
        {
            int[] singletons = Canonical(partition, out int count);
            return new CommunityResult(singletons, count, double.NaN, [], TimeSpan.Zero)
            { Passes = 0, DidConverge = true, ProjectedEntries = g0.EntryCount };
        }

        long entries = g0.EntryCount;
        var worker = new Worker(g0, config, new SplitMix64((ulong)(uint)config.Seed));
        int passes = 0;
        bool converged = false;
        int[] previous = (int[])partition.Clone();
        double totalSteps = (double)config.MaxPasses * config.MaxLevels;
        // A warm start must beat its own start by the tolerance, so a pass that only confirms it is the last.
        double previousQ = config.InitialPartition is null ? double.NegativeInfinity : worker.Modularity(partition);
        // The worker may swap in a copy relabelled by community: without this reference the projection can be collected.
        g0 = null!;
        for (int pass = 0; pass < config.MaxPasses; pass++)
        {
            passes++;
            partition = worker.RunPass(partition, perLevel, level =>
                progress?.Report(Math.Min(1.0, (pass * config.MaxLevels + level + 1) / totalSteps)), ct);
            if (SamePartition(previous, partition))
            {
                converged = true;
                break;
            }
            // Modularity after the pass = after its last level (flattening does not change it).
            double passQ = perLevel[^1];
            if (passQ - previousQ < config.Tolerance)
            {
                converged = true;
                break;
            }
            previousQ = passQ;
            Array.Copy(partition, previous, n);
        }

        int[] labels = Canonical(partition, out int communities);
        double q = worker.Modularity(labels);
        progress?.Report(1.0);
        return new CommunityResult(labels, communities, q, perLevel.ToArray(), TimeSpan.Zero)
        { Passes = passes, DidConverge = converged, ProjectedEntries = entries };
    }

    /// <summary>True when both label arrays describe the same partition (labels may differ).</summary>
    private static bool SamePartition(int[] a, int[] b)
    {
        int n = a.Length;
        var map = new int[n];
        Array.Fill(map, -1);
        var reverse = new int[n];
        Array.Fill(reverse, -1);
        for (int i = 0; i < n; i++)
        {
            int x = a[i], y = b[i];
            if (map[x] == -1 && reverse[y] == -1) { map[x] = y; reverse[y] = x; }
            else if (map[x] != y || reverse[y] != x) return false;
        }
        return true;
    }

    /// <summary>Relabels to 0..count-1, largest community first, ties by smallest member.</summary>
    private static int[] Canonical(int[] labels, out int count)
    {
        int n = labels.Length;
        var firstSeen = new int[n];
        Array.Fill(firstSeen, -1);
        count = 0;
        var sizes = new List<int>();
        for (int i = 0; i < n; i++)
        {
            ref int id = ref firstSeen[labels[i]];
            if (id == -1)
            {
                id = count++;
                sizes.Add(0);
            }
            sizes[id]++;
        }
        // First-seen ids are ordered by smallest member; a stable sort by size keeps that for ties.
        int[] order = WeaklyConnectedComponents.StableOrderBySizeDescending(sizes.ToArray());
        var rank = new int[count];
        for (int k = 0; k < count; k++) rank[order[k]] = k;
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = rank[firstSeen[labels[i]]];
        return result;
    }
}
