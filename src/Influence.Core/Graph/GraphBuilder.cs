using System.Runtime.CompilerServices;

namespace Influence.Core.Graph;

/// <summary>
/// Collects directed edges into flat arrays (no per-edge objects) and builds a <see cref="DirectedGraph"/>
/// in O(V+E) with counting sorts: edges are bucketed by target, then re-bucketed by source while
/// walking targets in ascending order, so every out-row comes out sorted without a comparison
/// sort; duplicates are then adjacent and collapse in one pass.
/// </summary>
public sealed class GraphBuilder
{
    private int[] _src;
    private int[] _dst;
    private double[]? _w;
    private int[]? _since; // follow times in minutes (FollowTimes), allocated at the first timed edge
    private int _count;
    private long _selfLoops;
    private long _input;

    /// <param name="ids">Id map to resolve external ids; share one map between the follow and interaction graphs so node ids agree.</param>
    /// <param name="weighted">Keep a weight per edge (otherwise every edge weighs 1).</param>
    /// <param name="edgeCapacity">Expected number of edges (grows as needed).</param>
    public GraphBuilder(IdMap? ids = null, bool weighted = false, int edgeCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(edgeCapacity);
        Ids = ids ?? new IdMap();
        edgeCapacity = Math.Max(edgeCapacity, 16);
        _src = new int[edgeCapacity];
        _dst = new int[edgeCapacity];
        _w = weighted ? new double[edgeCapacity] : null;
    }

    public IdMap Ids { get; }

    /// <summary>
    /// Keep how many input edges each collapsed edge stands for (<see cref="DirectedGraph.OutMultiplicity"/>). Off by
    /// default: no analysis reads it, and it cost 4 bytes per distinct edge for as long as the graph lives (336 MB at
    /// 100M follow rows). <see cref="DirectedGraph.ParallelEdgesCollapsed"/> is counted either way.
    /// </summary>
    public bool KeepMultiplicities { get; init; }

    public bool IsWeighted => _w is not null;

    /// <summary>True once an edge with a known time was added (the built graph then keeps follow times).</summary>
    public bool HasFollowTimes => _since is not null;

    /// <summary>Edges kept so far (self-loops excluded).</summary>
    public int EdgeCount => _count;

    /// <summary>Ensures a node exists for <paramref name="externalId"/> even when it has no edges.</summary>
    public int AddNode(string externalId) => Ids.GetOrAdd(externalId);

    public void AddEdge(ReadOnlySpan<char> source, ReadOnlySpan<char> target, double weight = 1.0) =>
        AddEdge(Ids.GetOrAdd(source), Ids.GetOrAdd(target), weight);

    /// <summary>Adds the edge <paramref name="source"/> → <paramref name="target"/> between dense ids already in <see cref="Ids"/>.</summary>
    public void AddEdge(int source, int target, double weight = 1.0)
    {
        _input++;
        if (source == target)
        {
            _selfLoops++;
            return;
        }
        if (_count == _src.Length) Grow();
        _src[_count] = source;
        _dst[_count] = target;
        if (_w is not null) _w[_count] = weight;
        if (_since is not null) _since[_count] = FollowTimes.Unknown;
        _count++;
    }

    /// <summary>
    /// Adds the edge <paramref name="source"/> → <paramref name="target"/> that started at <paramref name="sinceUnixSeconds"/>
    /// (null: unknown). The graph keeps the time at minute resolution (<see cref="FollowTimes"/>), the earliest of parallel edges.
    /// </summary>
    public void AddTimedEdge(int source, int target, long? sinceUnixSeconds, double weight = 1.0)
    {
        if (sinceUnixSeconds is { } seconds && _since is null && source != target)
        {
            _since = new int[_src.Length];
            Array.Fill(_since, FollowTimes.Unknown, 0, _count);
        }
        int at = _count;
        AddEdge(source, target, weight);
        if (_since is not null && _count > at) _since[at] = sinceUnixSeconds is { } s ? FollowTimes.ToMinutes(s) : FollowTimes.Unknown;
    }

    private void Grow()
    {
        int n = (int)Math.Min(Array.MaxLength, (long)_src.Length * 2);
        if (n == _src.Length) throw new InvalidOperationException("Graph too large: more than 2^31 edges.");
        Array.Resize(ref _src, n);
        Array.Resize(ref _dst, n);
        if (_w is not null) Array.Resize(ref _w, n);
        if (_since is not null) Array.Resize(ref _since, n);
    }

    /// <summary>Builds the graph over all <see cref="Ids"/> known now (nodes without edges included).</summary>
    public DirectedGraph Build() => Build(Ids.Count);

    /// <summary>Builds the graph over node ids <c>0..nodeCount-1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    // One method on purpose: the two counting sorts (out- and in-rows) and the collapse of parallel edges share their buffers (weights and follow times ride along).
    public DirectedGraph Build(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        int m = _count;
        int[] src = _src, dst = _dst;
        double[]? w = _w;
        int[]? since = _since;
        for (int i = 0; i < m; i++)
        {
            if ((uint)src[i] >= (uint)nodeCount || (uint)dst[i] >= (uint)nodeCount)
            {
                // Report the endpoint that is out of range (a negative id is never the larger one).
                int bad = (uint)src[i] >= (uint)nodeCount ? src[i] : dst[i];
                throw new ArgumentOutOfRangeException(nameof(nodeCount), $"Edge {i} refers to node {bad}, outside [0, {nodeCount}).");
            }
        }

        // Pass 1: bucket by target.
        int[] byTargetOffsets = new int[nodeCount + 1];
        for (int i = 0; i < m; i++) byTargetOffsets[dst[i] + 1]++;
        for (int v = 0; v < nodeCount; v++) byTargetOffsets[v + 1] += byTargetOffsets[v];
        int[] cursor = new int[nodeCount];
        Array.Copy(byTargetOffsets, cursor, nodeCount);
        int[] tmpSrc = new int[m];
        double[]? tmpW = w is null ? null : new double[m];
        int[]? tmpSince = since is null ? null : new int[m];
        for (int i = 0; i < m; i++)
        {
            int p = cursor[dst[i]]++;
            tmpSrc[p] = src[i];
            if (tmpW is not null) tmpW[p] = w![i];
            if (tmpSince is not null) tmpSince[p] = since![i];
        }

        // Pass 2: bucket by source, walking targets ascending => out-rows sorted by target.
        int[] outOffsets = new int[nodeCount + 1];
        for (int i = 0; i < m; i++) outOffsets[src[i] + 1]++;
        for (int v = 0; v < nodeCount; v++) outOffsets[v + 1] += outOffsets[v];
        Array.Copy(outOffsets, cursor, nodeCount);
        int[] outTargets = new int[m];
        double[]? outW = w is null ? null : new double[m];
        int[]? outSince = since is null ? null : new int[m];
        for (int t = 0; t < nodeCount; t++)
        {
            for (int p = byTargetOffsets[t]; p < byTargetOffsets[t + 1]; p++)
            {
                int q = cursor[tmpSrc[p]]++;
                outTargets[q] = t;
                if (outW is not null) outW[q] = tmpW![p];
                if (outSince is not null) outSince[q] = tmpSince![p];
            }
        }
        tmpSrc = null!;
        tmpW = null;
        tmpSince = null;

        // Pass 3: collapse adjacent duplicates in place.
        int[]? mult = null;
        int write = 0;
        long collapsed = 0;
        int rowStart = 0;
        for (int v = 0; v < nodeCount; v++)
        {
            int end = outOffsets[v + 1];
            int newStart = write;
            for (int p = rowStart; p < end; p++)
            {
                if (write > newStart && outTargets[write - 1] == outTargets[p])
                {
                    if (mult is null && KeepMultiplicities)
                    {
                        mult = new int[m];
                        Array.Fill(mult, 1);
                    }
                    if (mult is not null) mult[write - 1]++;
                    if (outW is not null) outW[write - 1] += outW[p];
                    if (outSince is not null) outSince[write - 1] = FollowTimes.Earliest(outSince[write - 1], outSince[p]);
                    collapsed++;
                    continue;
                }
                outTargets[write] = outTargets[p];
                if (outW is not null) outW[write] = outW[p];
                if (outSince is not null) outSince[write] = outSince[p];
                write++;
            }
            rowStart = end;
            outOffsets[v] = newStart;
        }
        outOffsets[nodeCount] = write;
        if (write != m)
        {
            Array.Resize(ref outTargets, write);
            if (outW is not null) Array.Resize(ref outW, write);
            if (mult is not null) Array.Resize(ref mult, write);
        }

        // Pass 4: in-adjacency from the collapsed out-adjacency, sources ascending.
        int[] inOffsets = new int[nodeCount + 1];
        for (int e = 0; e < write; e++) inOffsets[outTargets[e] + 1]++;
        for (int v = 0; v < nodeCount; v++) inOffsets[v + 1] += inOffsets[v];
        Array.Copy(inOffsets, cursor, nodeCount);
        int[] inSources = new int[write];
        double[]? inW = outW is null ? null : new double[write];
        // Follow times are kept on the in-side only (a follower list with its arrival times is what growth needs).
        int[]? inSince = outSince is null ? null : new int[write];
        for (int s = 0; s < nodeCount; s++)
        {
            for (int e = outOffsets[s]; e < outOffsets[s + 1]; e++)
            {
                int q = cursor[outTargets[e]]++;
                inSources[q] = s;
                if (inW is not null) inW[q] = outW![e];
                if (inSince is not null) inSince[q] = outSince![e];
            }
        }

        return new DirectedGraph(Ids, nodeCount, outOffsets, outTargets, outW, mult, inOffsets, inSources, inW,
            _selfLoops, collapsed, _input, inSince, multiplicitiesKept: KeepMultiplicities);
    }
}
