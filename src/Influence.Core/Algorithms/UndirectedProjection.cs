using System.Runtime.CompilerServices;
using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

/// <summary>
/// Weighted undirected graph in CSR form, every edge stored in both endpoints' rows. Used for the
/// undirected projection of a <see cref="DirectedGraph"/> and for the aggregated graphs of community
/// detection. A self-loop at node c is one row entry whose weight is the full A_cc (the internal weight
/// counted from both ends), so that a node's strength is always its row sum.
/// </summary>
internal sealed class UndirectedCsr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <param name="nodeCount">Nodes; <paramref name="offsets"/> has at least nodeCount + 1 entries.</param>
    /// <param name="offsets">Row starts; the arrays may be longer than needed (reused buffers).</param>
    /// <param name="targets">Row entries.</param>
    /// <param name="weights">Weight per row entry.</param>
    /// <param name="strength">Buffer of at least <paramref name="nodeCount"/> entries to fill with row sums, or null for a new one.</param>
    public UndirectedCsr(int nodeCount, int[] offsets, int[] targets, double[] weights, double[]? strength = null)
    {
        NodeCount = nodeCount;
        Offsets = offsets;
        Targets = targets;
        Weights = weights;
        Strength = strength ?? new double[nodeCount];
        double total = 0;
        for (int u = 0; u < nodeCount; u++)
        {
            double s = 0;
            for (int e = offsets[u]; e < offsets[u + 1]; e++) s += weights[e];
            Strength[u] = s;
            total += s;
        }
        TotalWeight = total;
    }

    /// <summary>A graph whose strengths (row sums, in row order) and total (their sum, in node order) are known already.</summary>
    public UndirectedCsr(int nodeCount, int[] offsets, int[] targets, double[] weights, double[] strength, double totalWeight)
    {
        NodeCount = nodeCount;
        Offsets = offsets;
        Targets = targets;
        Weights = weights;
        Strength = strength;
        TotalWeight = totalWeight;
    }

    public int NodeCount { get; }
    public int[] Offsets { get; }
    public int[] Targets { get; }
    public double[] Weights { get; }
    /// <summary>k_u = Σ_v A_uv.</summary>
    public double[] Strength { get; }
    /// <summary>2m = Σ_u k_u.</summary>
    public double TotalWeight { get; }
    public int EntryCount => Offsets[NodeCount];
    public long MemoryBytes => 4L * (Offsets.Length + Targets.Length) + 8L * (Weights.Length + Strength.Length);

    private const int NodesPerRange = 1 << 13;

    /// <summary>
    /// Undirected projection: the sorted out-row and in-row of every node merged into one sorted row.
    /// <see cref="CommunityProjection.Weighted"/>: A_uv = w(u→v) + w(v→u) (a missing arc weighs 0, every arc weighs 1 on an
    /// unweighted graph, so a mutual pair weighs 2). <see cref="CommunityProjection.Simple"/>: A_uv = 1 for every connected pair.
    /// </summary>
    /// <exception cref="ArgumentException">Weighted projection of a graph with a negative, NaN or infinite weight.</exception>
    // One method on purpose: one merge pass over out- and in-rows per node, writing the symmetric CSR in place.
    public static UndirectedCsr Project(DirectedGraph graph, CommunityProjection projection,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        int n = graph.NodeCount;
        bool useWeights = projection == CommunityProjection.Weighted && graph.IsWeighted;
        if (useWeights)
        {
            ReadOnlySpan<double> w = graph.AllOutWeights;
            for (int e = 0; e < w.Length; e++)
            {
                if (!(w[e] >= 0) || double.IsInfinity(w[e]))
                    throw new ArgumentException($"Community detection needs finite edge weights >= 0, but out-edge #{e} has weight {w[e]}.", nameof(graph));
            }
        }
        int[] outOffsets = graph._outOffsets, outTargets = graph._outTargets, inOffsets = graph._inOffsets, inSources = graph._inSources;
        double[]? outW = useWeights ? graph._outWeights : null, inW = useWeights ? graph._inWeights : null;
        bool simple = projection == CommunityProjection.Simple;

        var offsets = new int[n + 1];
        int ranges = (n + NodesPerRange - 1) / NodesPerRange;
        int threads = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        bool parallel = graph.EdgeCount > 1 << 16 && ranges > 1 && threads > 1;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = threads };

        // Pass 1: row lengths = size of the union of the two sorted rows.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Count(int r)
        {
            int from = r * NodesPerRange, to = Math.Min(n, from + NodesPerRange);
            for (int u = from; u < to; u++)
            {
                int a = outOffsets[u], aEnd = outOffsets[u + 1], b = inOffsets[u], bEnd = inOffsets[u + 1];
                int common = 0;
                while (a < aEnd && b < bEnd)
                {
                    int x = outTargets[a], y = inSources[b];
                    if (x == y) { common++; a++; b++; }
                    else if (x < y) a++;
                    else b++;
                }
                offsets[u + 1] = (outOffsets[u + 1] - outOffsets[u]) + (inOffsets[u + 1] - inOffsets[u]) - common;
            }
        }
        if (parallel) Parallel.For(0, ranges, options, Count);
        else for (int r = 0; r < ranges; r++) Count(r);
        long total = RowStarts(offsets, n);

        var targets = new int[total];
        var weights = new double[total];

        // Pass 2: fill the merged rows.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Fill(int r)
        {
            int from = r * NodesPerRange, to = Math.Min(n, from + NodesPerRange);
            for (int u = from; u < to; u++)
            {
                int a = outOffsets[u], aEnd = outOffsets[u + 1], b = inOffsets[u], bEnd = inOffsets[u + 1];
                int p = offsets[u];
                while (a < aEnd || b < bEnd)
                {
                    int x = a < aEnd ? outTargets[a] : int.MaxValue;
                    int y = b < bEnd ? inSources[b] : int.MaxValue;
                    double weight;
                    if (x == y)
                    {
                        weight = simple ? 1 : outW is null ? 2 : outW[a] + inW![b];
                        targets[p] = x;
                        a++; b++;
                    }
                    else if (x < y)
                    {
                        weight = outW is null ? 1 : outW[a];
                        targets[p] = x;
                        a++;
                    }
                    else
                    {
                        weight = inW is null ? 1 : inW[b];
                        targets[p] = y;
                        b++;
                    }
                    weights[p++] = weight;
                }
            }
        }
        if (parallel) Parallel.For(0, ranges, options, Fill);
        else for (int r = 0; r < ranges; r++) Fill(r);
        return new UndirectedCsr(n, offsets, targets, weights);
    }

    /// <summary>
    /// Undirected projection of the union of two graphs over the same nodes (e.g. follows and interaction ties) in which
    /// each distinct directed tie of a layer weighs 1 and a tie of both layers 2 — exactly what <see cref="Project"/>
    /// gives on that union built as a weighted <see cref="DirectedGraph"/>, without building it: the four sorted rows of
    /// a node (out and in of each layer) are merged straight into the symmetric CSR. At 100M follows the union graph
    /// with its in-rows, weights and build buffers was several GB on top of the projection.
    /// <see cref="CommunityProjection.Weighted"/>: A_uv = ties between u and v over both layers and directions (1–4);
    /// <see cref="CommunityProjection.Simple"/>: 1 for every connected pair.
    /// </summary>
    public static UndirectedCsr ProjectUnion(DirectedGraph first, DirectedGraph second, CommunityProjection projection,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        if (first.NodeCount != second.NodeCount)
            throw new ArgumentException($"Both layers need the same nodes: {first.NodeCount} vs {second.NodeCount}.", nameof(second));
        int n = first.NodeCount;
        bool simple = projection == CommunityProjection.Simple;
        int[][] offsets4 = [first._outOffsets, first._inOffsets, second._outOffsets, second._inOffsets];
        int[][] rows4 = [first._outTargets, first._inSources, second._outTargets, second._inSources];
        var offsets = new int[n + 1];
        int ranges = (n + NodesPerRange - 1) / NodesPerRange;
        int threads = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        bool parallel = (long)first.EdgeCount + second.EdgeCount > 1 << 16 && ranges > 1 && threads > 1;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = threads };

        // Pass 1 counts each node's distinct neighbours (targets == null); pass 2 writes them with their tie counts.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Merge(int r, int[]? targets, double[]? weights)
        {
            Span<int> at = stackalloc int[4], end = stackalloc int[4];
            int from = r * NodesPerRange, to = Math.Min(n, from + NodesPerRange);
            for (int u = from; u < to; u++)
            {
                for (int k = 0; k < 4; k++) { at[k] = offsets4[k][u]; end[k] = offsets4[k][u + 1]; }
                int p = targets is null ? 0 : offsets[u];
                while (true)
                {
                    int next = int.MaxValue;
                    for (int k = 0; k < 4; k++) if (at[k] < end[k] && rows4[k][at[k]] < next) next = rows4[k][at[k]];
                    if (next == int.MaxValue) break;
                    int ties = 0;
                    for (int k = 0; k < 4; k++)
                    {
                        if (at[k] < end[k] && rows4[k][at[k]] == next) { ties++; at[k]++; }
                    }
                    if (targets is not null)
                    {
                        targets[p] = next;
                        weights![p] = simple ? 1 : ties;
                    }
                    p++;
                }
                if (targets is null) offsets[u + 1] = p;
            }
        }
        if (parallel) Parallel.For(0, ranges, options, r => Merge(r, null, null));
        else for (int r = 0; r < ranges; r++) Merge(r, null, null);
        long total = RowStarts(offsets, n);
        var rowTargets = new int[total];
        var rowWeights = new double[total];
        if (parallel) Parallel.For(0, ranges, options, r => Merge(r, rowTargets, rowWeights));
        else for (int r = 0; r < ranges; r++) Merge(r, rowTargets, rowWeights);
        return new UndirectedCsr(n, offsets, rowTargets, rowWeights);
    }

    /// <summary>The same graph with node i renamed <paramref name="oldToNew"/>[i] (rows keep their entry order).</summary>
    /// <param name="oldToNew">New id of each node; a permutation.</param>
    /// <param name="newToOld">Its inverse.</param>
    /// <param name="maxDegreeOfParallelism">Threads for copying the rows.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public UndirectedCsr Permuted(int[] oldToNew, int[] newToOld, int maxDegreeOfParallelism)
    {
        int n = NodeCount;
        int[] offsets = Offsets, targets = Targets;
        double[] weights = Weights;
        var newOffsets = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            int v = newToOld[i];
            newOffsets[i + 1] = newOffsets[i] + offsets[v + 1] - offsets[v];
        }
        var newTargets = new int[EntryCount];
        var newWeights = new double[EntryCount];
        // Rows keep their entries in order, so each strength is the same sum: renamed, not summed again in a
        // single-threaded pass over every entry.
        var newStrength = new double[n];
        double[] strength = Strength;
        void Copy(int r)
        {
            int to = Math.Min(n, (r + 1) * NodesPerRange);
            for (int i = r * NodesPerRange; i < to; i++)
            {
                int v = newToOld[i], write = newOffsets[i];
                newStrength[i] = strength[v];
                for (int e = offsets[v]; e < offsets[v + 1]; e++, write++)
                {
                    newTargets[write] = oldToNew[targets[e]];
                    newWeights[write] = weights[e];
                }
            }
        }
        int ranges = (n + NodesPerRange - 1) / NodesPerRange;
        if (ranges > 1 && maxDegreeOfParallelism > 1)
            Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, Copy);
        else
            for (int r = 0; r < ranges; r++) Copy(r);
        return new UndirectedCsr(n, newOffsets, newTargets, newWeights, newStrength, TotalWeight);
    }

    /// <summary>Turns row lengths in <c>offsets[1..n]</c> into row starts; returns the entry count.</summary>
    private static long RowStarts(int[] offsets, int n)
    {
        long total = 0;
        for (int u = 0; u < n; u++)
        {
            total += offsets[u + 1];
            if (total > Array.MaxLength) throw new InvalidOperationException("Undirected projection too large: more than 2^31 row entries.");
            offsets[u + 1] = (int)total;
        }
        return total;
    }

    /// <summary>Modularity of <paramref name="community"/> (ids in [0, NodeCount)); NaN when the graph has no edge weight.</summary>
    /// <param name="community">Community per node.</param>
    /// <param name="resolution">γ.</param>
    /// <param name="scratch">Optional buffer of at least NodeCount doubles for the community totals.</param>
    /// <param name="maxDegreeOfParallelism">Threads for the O(E) sum; the result is identical for every value.</param>
    public double Modularity(int[] community, double resolution, double[]? scratch = null, int? maxDegreeOfParallelism = null)
    {
        if (!(TotalWeight > 0)) return double.NaN;
        int n = NodeCount;
        double[] totals = scratch ?? new double[n];
        Array.Clear(totals, 0, n);
        for (int u = 0; u < n; u++) totals[community[u]] += Strength[u];

        // Weight inside communities: per fixed node range, combined in range order (deterministic).
        int ranges = (n + NodesPerRange - 1) / NodesPerRange;
        var partial = new double[ranges];
        int[] offsets = Offsets, targets = Targets;
        double[] weights = Weights;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Inside(int r)
        {
            int from = r * NodesPerRange, to = Math.Min(n, from + NodesPerRange);
            double sum = 0;
            for (int u = from; u < to; u++)
            {
                int c = community[u];
                for (int e = offsets[u]; e < offsets[u + 1]; e++)
                {
                    if (community[targets[e]] == c) sum += weights[e];
                }
            }
            partial[r] = sum;
        }
        int threads = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        if (ranges > 1 && EntryCount > 1 << 16 && threads > 1)
            Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = threads }, Inside);
        else
            for (int r = 0; r < ranges; r++) Inside(r);
        double inside = 0;
        foreach (double p in partial) inside += p;

        double twoM = TotalWeight, expected = 0;
        for (int c = 0; c < n; c++) expected += totals[c] * totals[c];
        return inside / twoM - resolution * expected / (twoM * twoM);
    }
}
