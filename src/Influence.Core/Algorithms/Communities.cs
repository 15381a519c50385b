using System.Runtime.CompilerServices;
using System.Diagnostics;
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
    /// <summary>Random seed: same seed, same graph → same partition (whatever the thread count).</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Maximum aggregation levels per pass, ≥ 1. Default 20.</summary>
    public int MaxLevels { get; init; } = 20;
    /// <summary>Local moving budget per level, ≥ 1: at most MaxSweeps × (nodes of the level) node visits. Default 50.</summary>
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
    /// Threads for building the projection and the refinement's per-node sums, ≥ 1; null = all cores.
    /// Node moving is sequential, so the partition is identical for every value.
    /// </summary>
    public int? MaxDegreeOfParallelism { get; init; }

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
/// (1) fast local moving with a queue (only neighbours of moved nodes are revisited);
/// (2) refinement: inside each community, start from singletons and merge well-connected nodes into
/// well-connected sub-communities, chosen at random ∝ exp(gain/θ) among non-negative gains — so every
/// community is connected; (3) aggregate the graph on the refined partition, with each aggregate node
/// starting in its non-refined community. Louvain skips (2) and aggregates on the moved partition.
/// Node moving is sequential with a seeded generator, so the result depends only on graph + config.
/// Aggregated graphs are CSR; scratch arrays are reset only where touched. Time ≈ O(E) per level.
/// </remarks>
public static class CommunityDetection
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
        var clock = Stopwatch.StartNew();
        var projected = UndirectedCsr.Project(graph, config.Projection, config.MaxDegreeOfParallelism, cancellationToken);
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
        if (community.Length != graph.NodeCount)
            throw new ArgumentException($"Partition has {community.Length} entries but the graph has {graph.NodeCount} nodes.", nameof(community));
        for (int i = 0; i < community.Length; i++)
        {
            if ((uint)community[i] >= (uint)graph.NodeCount)
                throw new ArgumentOutOfRangeException(nameof(community), community[i], $"community[{i}] = {community[i]} is not in [0, {graph.NodeCount}).");
        }
        if (!Enum.IsDefined(projection))
            throw new ArgumentOutOfRangeException(nameof(projection), projection, "Projection must be Weighted or Simple.");
        if (double.IsNaN(resolution) || double.IsInfinity(resolution) || resolution <= 0)
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Resolution must be finite and > 0.");
        return UndirectedCsr.Project(graph, projection).Modularity(community.ToArray(), resolution);
    }

    private static CommunityResult Run(UndirectedCsr g0, CommunityConfig config, IProgress<double>? progress, CancellationToken ct)
    {
        int n = g0.NodeCount;
        var partition = new int[n];
        for (int i = 0; i < n; i++) partition[i] = i;
        var perLevel = new List<double>();
        if (n == 0 || !(g0.TotalWeight > 0))
        {
            int[] singletons = Canonical(partition, out int count);
            return new CommunityResult(singletons, count, double.NaN, [], TimeSpan.Zero)
            { Passes = 0, DidConverge = true, ProjectedEntries = g0.EntryCount };
        }

        var worker = new Worker(n, config, new SplitMix64((ulong)(uint)config.Seed));
        int passes = 0;
        bool converged = false;
        int[] previous = (int[])partition.Clone();
        double totalSteps = (double)config.MaxPasses * config.MaxLevels;
        double previousQ = double.NegativeInfinity;
        for (int pass = 0; pass < config.MaxPasses; pass++)
        {
            passes++;
            partition = worker.RunPass(g0, partition, perLevel, level =>
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
        double q = g0.Modularity(labels, config.Resolution, maxDegreeOfParallelism: config.MaxDegreeOfParallelism);
        progress?.Report(1.0);
        return new CommunityResult(labels, communities, q, perLevel.ToArray(), TimeSpan.Zero)
        { Passes = passes, DidConverge = converged, ProjectedEntries = g0.EntryCount };
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

    /// <summary>Scratch arrays sized for the projection, reused by every level and pass.</summary>
    private sealed class Worker
    {
        private readonly CommunityConfig _config;
        private readonly bool _refine;
        private SplitMix64 _rng;
        // Per (community or node) scratch, valid where Stamp == _currentStamp. Weight and stamp share a
        // slot so the random access per edge touches one cache line, not two.
        private readonly Slot[] _slots;
        private readonly int[] _neighborList;
        private int _currentStamp;
        // Level state.
        private readonly double[] _commTotal;
        private readonly int[] _commSize;
        private readonly int[] _queue;
        private readonly bool[] _inQueue;
        private readonly int[] _emptyStack;
        private readonly int[] _refined;
        private readonly double[] _refTotal;
        private readonly double[] _refExternal;
        private readonly bool[] _refMerged;
        private readonly double[] _candidateProb;
        private readonly int[] _renumber;
        private readonly int _threads;
        private readonly List<LevelBuffers> _levelBuffers = [];
        private readonly int[] _members, _cursor, _aggregateOf;
        private readonly double[] _modularityScratch;
        private const int RefineRange = 1 << 13;

        public Worker(int n, CommunityConfig config, SplitMix64 rng)
        {
            _config = config;
            _refine = config.Algorithm == CommunityAlgorithm.Leiden;
            _rng = rng;
            _slots = new Slot[n];
            _neighborList = new int[n];
            _commTotal = new double[n];
            _commSize = new int[n];
            _queue = new int[n];
            _inQueue = new bool[n];
            _emptyStack = new int[n];
            _refined = new int[n];
            _refTotal = _refine ? new double[n] : [];
            _refExternal = _refine ? new double[n] : [];
            _refMerged = _refine ? new bool[n] : [];
            _candidateProb = _refine ? new double[n] : [];
            _renumber = new int[n];
            _threads = config.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
            _members = new int[n];
            _cursor = new int[n];
            _aggregateOf = new int[n];
            _modularityScratch = new double[n];
        }

        /// <summary>One multilevel run starting from <paramref name="start"/> on <paramref name="g0"/>; returns the flat partition.</summary>
        public int[] RunPass(UndirectedCsr g0, int[] start, List<double> perLevel, Action<int> levelDone, CancellationToken ct)
        {
            int n0 = g0.NodeCount;
            var nodeToAggregate = new int[n0];
            for (int i = 0; i < n0; i++) nodeToAggregate[i] = i;
            UndirectedCsr g = g0;
            int[] comm = Canonical(start, out _);   // ids < n0, needed by the scratch arrays
            for (int level = 0; level < _config.MaxLevels; level++)
            {
                ct.ThrowIfCancellationRequested();
                int n = g.NodeCount;
                MoveNodes(g, comm, ct);
                perLevel.Add(g.Modularity(comm, _config.Resolution, _modularityScratch, _threads));
                levelDone(level);

                int communities = CountNonEmpty(n);
                if (communities == n || level == _config.MaxLevels - 1) break;

                int[] aggregateOf;
                if (_refine)
                {
                    Refine(g, comm);
                    aggregateOf = _refined;
                }
                else aggregateOf = comm;

                // Aggregate node ids: refined communities numbered by first appearance.
                int aggregates = Renumber(aggregateOf, n);
                if (aggregates == n) break;   // refinement merged nothing: aggregating would not change the graph
                ct.ThrowIfCancellationRequested();
                var next = Aggregate(g, aggregateOf, aggregates, level, out int[] members, out int[] memberOffsets);
                for (int i = 0; i < n0; i++) nodeToAggregate[i] = _renumber[aggregateOf[nodeToAggregate[i]]];
                // Each aggregate starts in the (non-refined) community of its members, ids compacted below the aggregate count.
                Array.Fill(_renumber, -1, 0, n);
                var nextComm = new int[aggregates];
                int used = 0;
                for (int a = 0; a < aggregates; a++)
                {
                    ref int id = ref _renumber[comm[members[memberOffsets[a]]]];
                    if (id == -1) id = used++;
                    nextComm[a] = id;
                }
                g = next;
                comm = nextComm;
            }
            var flat = new int[n0];
            for (int i = 0; i < n0; i++) flat[i] = comm[nodeToAggregate[i]];
            return flat;
        }

        private int CountNonEmpty(int n)
        {
            int count = 0;
            for (int c = 0; c < n; c++) if (_commSize[c] > 0) count++;
            return count;
        }

        /// <summary>Maps the ids used in <paramref name="labels"/> to 0..k-1 by first appearance (in <see cref="_renumber"/>); returns k.</summary>
        private int Renumber(int[] labels, int n)
        {
            Array.Fill(_renumber, -1, 0, n);
            int k = 0;
            for (int i = 0; i < n; i++)
            {
                ref int id = ref _renumber[labels[i]];
                if (id == -1) id = k++;
            }
            return k;
        }

        private int NextStamp()
        {
            if (++_currentStamp == int.MaxValue)
            {
                Array.Clear(_slots);
                _currentStamp = 1;
            }
            return _currentStamp;
        }

        private void Shuffle(int[] items, int count)
        {
            for (int i = count - 1; i > 0; i--)
            {
                int j = _rng.NextInt(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        /// <summary>Fast local moving (queue-based); <paramref name="comm"/> updated in place.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void MoveNodes(UndirectedCsr g, int[] comm, CancellationToken ct)
        {
            int n = g.NodeCount;
            int[] offsets = g.Offsets, targets = g.Targets;
            double[] weights = g.Weights, strength = g.Strength;
            double gammaOverTwoM = _config.Resolution / g.TotalWeight;
            double[] commTotal = _commTotal;
            Slot[] slots = _slots;
            int[] commSize = _commSize, neighborList = _neighborList, queue = _queue;
            bool[] inQueue = _inQueue;

            Array.Clear(commTotal, 0, n);
            Array.Clear(commSize, 0, n);
            for (int v = 0; v < n; v++)
            {
                commTotal[comm[v]] += strength[v];
                commSize[comm[v]]++;
            }
            int empties = 0;
            for (int c = n - 1; c >= 0; c--) if (commSize[c] == 0) _emptyStack[empties++] = c;

            for (int v = 0; v < n; v++) queue[v] = v;
            Shuffle(queue, n);
            Array.Fill(inQueue, true, 0, n);
            int head = 0, queued = n;
            long budget = (long)_config.MaxSweeps * n;

            while (queued > 0 && budget-- > 0)
            {
                if ((budget & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                int v = queue[head];
                if (++head == n) head = 0;
                queued--;
                inQueue[v] = false;

                int current = comm[v];
                double kv = strength[v];
                int st = NextStamp();
                int found = 0;
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int j = targets[e];
                    if (j == v) continue;
                    int c = comm[j];
                    if (slots[c].Stamp != st)
                    {
                        slots[c].Stamp = st;
                        slots[c].Weight = 0;
                        neighborList[found++] = c;
                    }
                    slots[c].Weight += weights[e];
                }

                commTotal[current] -= kv;
                double best = (slots[current].Stamp == st ? slots[current].Weight : 0) - kv * commTotal[current] * gammaOverTwoM;
                int bestComm = current;
                for (int i = 0; i < found; i++)
                {
                    int c = neighborList[i];
                    if (c == current) continue;
                    double gain = slots[c].Weight - kv * commTotal[c] * gammaOverTwoM;
                    if (gain > best)
                    {
                        best = gain;
                        bestComm = c;
                    }
                }
                // Alone in an empty community gains 0: better than a negative gain anywhere.
                if (best < 0 && commSize[current] > 1) bestComm = _emptyStack[--empties];
                commTotal[bestComm] += kv;
                if (bestComm == current) continue;

                commSize[current]--;
                if (commSize[current] == 0) _emptyStack[empties++] = current;
                commSize[bestComm]++;
                comm[v] = bestComm;
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int j = targets[e];
                    if (inQueue[j] || comm[j] == bestComm) continue;
                    inQueue[j] = true;
                    int tail = head + queued;
                    if (tail >= n) tail -= n;
                    queue[tail] = j;
                    queued++;
                }
            }
        }

        /// <summary>Leiden refinement of <paramref name="comm"/> into <see cref="_refined"/> (sub-communities of each community).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Refine(UndirectedCsr g, int[] comm)
        {
            int n = g.NodeCount;
            int[] offsets = g.Offsets, targets = g.Targets;
            double[] weights = g.Weights, strength = g.Strength;
            double gammaOverTwoM = _config.Resolution / g.TotalWeight;
            double invTheta = 1.0 / _config.Randomness;
            int[] refined = _refined, neighborList = _neighborList, order = _queue;
            Slot[] slots = _slots;
            double[] refTotal = _refTotal, refExternal = _refExternal, prob = _candidateProb;
            double[] commTotal = _commTotal;
            bool[] merged = _refMerged;

            // Weight from each node to the rest of its community (self-loops excluded): independent per node,
            // so it runs in parallel over fixed node ranges without changing any result.
            void External(int range)
            {
                int from = range * RefineRange, to = Math.Min(n, from + RefineRange);
                for (int v = from; v < to; v++)
                {
                    refined[v] = v;
                    refTotal[v] = strength[v];
                    merged[v] = false;
                    double external = 0;
                    int c = comm[v];
                    for (int e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        int j = targets[e];
                        if (j != v && comm[j] == c) external += weights[e];
                    }
                    refExternal[v] = external;
                }
            }
            int ranges = (n + RefineRange - 1) / RefineRange;
            if (ranges > 1 && g.EntryCount > 1 << 16 && _threads > 1)
                Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = _threads }, External);
            else
                for (int r = 0; r < ranges; r++) External(r);
            for (int v = 0; v < n; v++) order[v] = v;
            Shuffle(order, n);

            for (int idx = 0; idx < n; idx++)
            {
                int v = order[idx];
                // Only nodes still alone in their sub-community move.
                if (merged[v] || refined[v] != v) continue;
                int s = comm[v];
                double kv = strength[v], ks = commTotal[s];
                if (refExternal[v] < kv * (ks - kv) * gammaOverTwoM) continue;   // v not well connected to its community

                int st = NextStamp();
                int found = 0;
                for (int e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    int j = targets[e];
                    if (j == v || comm[j] != s) continue;
                    int r = refined[j];
                    if (slots[r].Stamp != st)
                    {
                        slots[r].Stamp = st;
                        slots[r].Weight = 0;
                        neighborList[found++] = r;
                    }
                    slots[r].Weight += weights[e];
                }
                // Candidates: well-connected sub-communities with a non-negative gain; staying alone gains 0.
                double maxGain = 0;
                int candidates = 0;
                for (int i = 0; i < found; i++)
                {
                    int r = neighborList[i];
                    double kr = refTotal[r];
                    if (refExternal[r] < kr * (ks - kr) * gammaOverTwoM) continue;
                    double gain = slots[r].Weight - kv * kr * gammaOverTwoM;
                    if (gain < 0) continue;
                    neighborList[candidates] = r;
                    prob[candidates] = gain;
                    candidates++;
                    if (gain > maxGain) maxGain = gain;
                }
                if (candidates == 0) continue;
                // P(r) ∝ exp(gain/θ), shifted by the largest gain so exp never overflows.
                double total = Math.Exp(-maxGain * invTheta);   // staying alone
                for (int i = 0; i < candidates; i++)
                {
                    prob[i] = Math.Exp((prob[i] - maxGain) * invTheta);
                    total += prob[i];
                }
                double draw = _rng.NextDouble() * total;
                int chosen = -1;
                double cumulative = Math.Exp(-maxGain * invTheta);
                if (draw >= cumulative)
                {
                    chosen = neighborList[candidates - 1];
                    for (int i = 0; i < candidates; i++)
                    {
                        cumulative += prob[i];
                        if (draw < cumulative)
                        {
                            chosen = neighborList[i];
                            break;
                        }
                    }
                }
                if (chosen < 0) continue;

                refined[v] = chosen;
                refTotal[chosen] += kv;
                refTotal[v] = 0;
                // Edges between v and the chosen sub-community become internal.
                refExternal[chosen] += refExternal[v] - 2 * slots[chosen].Weight;
                merged[chosen] = true;
                merged[v] = true;
            }
        }

        /// <summary>Collapses every group of <paramref name="group"/> (renumbered by <see cref="_renumber"/>) into one node.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private UndirectedCsr Aggregate(UndirectedCsr g, int[] group, int aggregates, int level, out int[] members, out int[] memberOffsets)
        {
            int n = g.NodeCount;
            int[] renumber = _renumber, offsets = g.Offsets, targets = g.Targets, neighborList = _neighborList;
            double[] weights = g.Weights;
            Slot[] slots = _slots;
            // Buffers of this level, reused by later passes: every pass builds graphs of about the same sizes,
            // and reuse keeps dead level graphs from piling up on the large-object heap between collections.
            if (_levelBuffers.Count <= level) _levelBuffers.Add(new LevelBuffers());
            LevelBuffers buffers = _levelBuffers[level];

            memberOffsets = Reuse(ref buffers.MemberOffsets, aggregates + 1);
            Array.Clear(memberOffsets, 0, aggregates + 1);
            for (int v = 0; v < n; v++) memberOffsets[renumber[group[v]] + 1]++;
            for (int a = 0; a < aggregates; a++) memberOffsets[a + 1] += memberOffsets[a];
            members = _members;
            int[] cursor = _cursor;
            Array.Copy(memberOffsets, cursor, aggregates);
            for (int v = 0; v < n; v++) members[cursor[renumber[group[v]]]++] = v;

            // Aggregate node of each node, so the edge loop does one look-up per edge.
            int[] aggregateOf = _aggregateOf;
            for (int v = 0; v < n; v++) aggregateOf[v] = renumber[group[v]];

            // Pass 1: distinct neighbour aggregates per aggregate, so the new rows are allocated at their exact size
            // (an upper-bound buffer plus a trimming copy would double the peak memory of the largest level).
            int[] newOffsets = Reuse(ref buffers.Offsets, aggregates + 1);
            newOffsets[0] = 0;
            for (int a = 0; a < aggregates; a++)
            {
                int st = NextStamp();
                int found = 0;
                for (int m = memberOffsets[a]; m < memberOffsets[a + 1]; m++)
                {
                    int v = members[m];
                    for (int e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        int b = aggregateOf[targets[e]];
                        if (slots[b].Stamp == st) continue;
                        slots[b].Stamp = st;
                        found++;
                    }
                }
                newOffsets[a + 1] = newOffsets[a] + found;
            }

            // Pass 2: summed weights; rows in first-touch order (deterministic; the algorithm needs no sorted rows).
            int[] newTargets = Reuse(ref buffers.Targets, newOffsets[aggregates]);
            double[] newWeights = Reuse(ref buffers.Weights, newOffsets[aggregates]);
            for (int a = 0; a < aggregates; a++)
            {
                int st = NextStamp();
                int found = 0;
                for (int m = memberOffsets[a]; m < memberOffsets[a + 1]; m++)
                {
                    int v = members[m];
                    for (int e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        int b = aggregateOf[targets[e]];
                        if (slots[b].Stamp != st)
                        {
                            slots[b].Stamp = st;
                            slots[b].Weight = 0;
                            neighborList[found++] = b;
                        }
                        slots[b].Weight += weights[e];
                    }
                }
                int write = newOffsets[a];
                for (int i = 0; i < found; i++)
                {
                    int b = neighborList[i];
                    newTargets[write] = b;
                    newWeights[write] = slots[b].Weight;
                    write++;
                }
            }
            return new UndirectedCsr(aggregates, newOffsets, newTargets, newWeights, Reuse(ref buffers.Strength, aggregates));
        }

        /// <summary>The buffer when it is long enough, else a new one with 10% headroom (kept for the next pass).</summary>
        private static T[] Reuse<T>(ref T[]? buffer, int length)
        {
            if (buffer is null || buffer.Length < length) buffer = new T[length + length / 10];
            return buffer;
        }

        /// <summary>Storage of one aggregation level's graph, reused across passes.</summary>
        private sealed class LevelBuffers
        {
            public int[]? Offsets, Targets, MemberOffsets;
            public double[]? Weights, Strength;
        }
    }

    /// <summary>Scratch entry: accumulated edge weight towards one community, valid for one stamp.</summary>
    private struct Slot
    {
        public double Weight;
        public int Stamp;
    }

    /// <summary>Small, fast, seedable generator (SplitMix64); identical sequence on every platform and runtime.</summary>
    internal struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, bound).</summary>
        public int NextInt(int bound) => (int)((NextUInt64() >> 33) * (ulong)bound >> 31);

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
    }
}
