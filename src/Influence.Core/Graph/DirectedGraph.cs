using System.Numerics;

namespace Influence.Core.Graph;

/// <summary>
/// Immutable directed graph over dense node ids in compressed sparse row (CSR) form, with both the
/// out-adjacency and the in-adjacency so that "pull" algorithms (PageRank) and "push" ones both
/// read contiguous memory. Neighbour lists are sorted ascending, which makes
/// <see cref="HasEdge"/> a binary search and lets reciprocity merge two sorted lists.
/// </summary>
/// <remarks>
/// Parallel edges are collapsed into one edge: its <see cref="OutMultiplicity"/> counts how many
/// input edges it stands for and its weight is the sum of their weights. Self-loops are dropped
/// and counted in <see cref="SelfLoopsDropped"/>. Unweighted algorithms see each collapsed edge
/// once; weighted ones use the summed weight.
/// Memory: 8 bytes per edge (out target + in source) + 4 for multiplicities when kept and any edge was
/// collapsed + 16 when weighted + 4 when follow times are kept, plus 8 bytes per node for the two offset arrays.
/// </remarks>
public sealed class DirectedGraph
{
    internal readonly int[] _outOffsets;   // length NodeCount+1
    internal readonly int[] _outTargets;   // length EdgeCount
    internal readonly double[]? _outWeights;
    internal readonly int[]? _outMultiplicity;
    internal readonly int[] _inOffsets;
    internal readonly int[] _inSources;
    internal readonly double[]? _inWeights;
    internal readonly int[]? _inSince;
    internal readonly bool _multiplicitiesKept; // false: built without GraphBuilder.KeepMultiplicities     // follow time of each in-edge (FollowTimes minutes), when the input had times

    internal DirectedGraph(IdMap ids, int nodeCount, int[] outOffsets, int[] outTargets, double[]? outWeights,
        int[]? outMultiplicity, int[] inOffsets, int[] inSources, double[]? inWeights,
        long selfLoopsDropped, long parallelEdgesCollapsed, long inputEdges, int[]? inSince = null, bool multiplicitiesKept = true)
    {
        _multiplicitiesKept = multiplicitiesKept;
        _inSince = inSince;
        Ids = ids;
        NodeCount = nodeCount;
        _outOffsets = outOffsets;
        _outTargets = outTargets;
        _outWeights = outWeights;
        _outMultiplicity = outMultiplicity;
        _inOffsets = inOffsets;
        _inSources = inSources;
        _inWeights = inWeights;
        SelfLoopsDropped = selfLoopsDropped;
        ParallelEdgesCollapsed = parallelEdgesCollapsed;
        InputEdges = inputEdges;
    }

    /// <summary>External ids of the nodes (may hold more ids than this graph has nodes when shared and grown later).</summary>
    public IdMap Ids { get; }

    public int NodeCount { get; }

    /// <summary>Distinct directed edges (after collapsing parallel edges and dropping self-loops).</summary>
    public int EdgeCount => _outTargets.Length;

    /// <summary>Edges given to the builder, before collapsing and dropping.</summary>
    public long InputEdges { get; }

    public long SelfLoopsDropped { get; }

    /// <summary>Input edges that were merged into an earlier edge with the same endpoints.</summary>
    public long ParallelEdgesCollapsed { get; }

    public bool IsWeighted => _outWeights is not null;

    /// <summary>True when the edges carry the time they started (follows read with <c>since</c>); see <see cref="InSince"/>.</summary>
    public bool HasFollowTimes => _inSince is not null;

    public int OutDegree(int node) => _outOffsets[node + 1] - _outOffsets[node];

    public int InDegree(int node) => _inOffsets[node + 1] - _inOffsets[node];

    /// <summary>Targets of the out-edges of <paramref name="node"/>, ascending.</summary>
    public ReadOnlySpan<int> OutNeighbors(int node) =>
        new(_outTargets, _outOffsets[node], _outOffsets[node + 1] - _outOffsets[node]);

    /// <summary>Sources of the in-edges of <paramref name="node"/>, ascending.</summary>
    public ReadOnlySpan<int> InNeighbors(int node) =>
        new(_inSources, _inOffsets[node], _inOffsets[node + 1] - _inOffsets[node]);

    /// <summary>Weights aligned with <see cref="OutNeighbors"/>; all 1 when the graph is unweighted.</summary>
    public ReadOnlySpan<double> OutWeights(int node) => _outWeights is null
        ? Ones<double>.Span(OutDegree(node))
        : new(_outWeights, _outOffsets[node], _outOffsets[node + 1] - _outOffsets[node]);

    /// <summary>Weights aligned with <see cref="InNeighbors"/>; all 1 when the graph is unweighted.</summary>
    public ReadOnlySpan<double> InWeights(int node) => _inWeights is null
        ? Ones<double>.Span(InDegree(node))
        : new(_inWeights, _inOffsets[node], _inOffsets[node + 1] - _inOffsets[node]);

    /// <summary>
    /// When each in-edge of <paramref name="node"/> started, aligned with <see cref="InNeighbors"/>, in minutes since the Unix
    /// epoch (<see cref="FollowTimes"/>; <see cref="FollowTimes.Unknown"/> when not given). Empty when the graph has no times.
    /// </summary>
    public ReadOnlySpan<int> InSince(int node) => _inSince is null
        ? default
        : new(_inSince, _inOffsets[node], _inOffsets[node + 1] - _inOffsets[node]);

    /// <summary>Start of the edge <paramref name="source"/> → <paramref name="target"/> (minutes, <see cref="FollowTimes"/>); Unknown when absent or untimed. O(log in-degree).</summary>
    public int SinceOf(int source, int target)
    {
        if (_inSince is null) return FollowTimes.Unknown;
        int at = InNeighbors(target).BinarySearch(source);
        return at < 0 ? FollowTimes.Unknown : _inSince[_inOffsets[target] + at];
    }

    /// <summary>How many input edges each out-edge stands for (all 1 when none were collapsed).</summary>
    /// <exception cref="InvalidOperationException">The graph was built without <see cref="GraphBuilder.KeepMultiplicities"/> and had parallel edges.</exception>
    public ReadOnlySpan<int> OutMultiplicity(int node)
    {
        if (_outMultiplicity is not null) return new(_outMultiplicity, _outOffsets[node], _outOffsets[node + 1] - _outOffsets[node]);
        if (!_multiplicitiesKept && ParallelEdgesCollapsed > 0)
            throw new InvalidOperationException("This graph was built without multiplicities (GraphBuilder.KeepMultiplicities is off); only ParallelEdgesCollapsed is known.");
        return Ones<int>.Span(OutDegree(node));
    }

    /// <summary>Whole CSR arrays, for kernels that iterate every edge.</summary>
    public ReadOnlySpan<int> OutOffsets => _outOffsets;
    public ReadOnlySpan<int> OutTargets => _outTargets;
    public ReadOnlySpan<int> InOffsets => _inOffsets;
    public ReadOnlySpan<int> InSources => _inSources;
    /// <summary>Empty when unweighted.</summary>
    public ReadOnlySpan<double> AllOutWeights => _outWeights;
    /// <summary>Empty when unweighted.</summary>
    public ReadOnlySpan<double> AllInWeights => _inWeights;

    /// <summary>True when the edge <paramref name="source"/> → <paramref name="target"/> exists. O(log out-degree).</summary>
    public bool HasEdge(int source, int target) => OutNeighbors(source).BinarySearch(target) >= 0;

    /// <summary>Weighted out-degree (sum of out-edge weights; the out-degree when unweighted).</summary>
    public double OutStrength(int node)
    {
        if (_outWeights is null) return OutDegree(node);
        double s = 0;
        foreach (double w in OutWeights(node)) s += w;
        return s;
    }

    /// <summary>Bytes held by the CSR arrays (not the id map).</summary>
    public long MemoryBytes =>
        4L * (_outOffsets.Length + _outTargets.Length + _inOffsets.Length + _inSources.Length)
        + 8L * ((_outWeights?.Length ?? 0) + (_inWeights?.Length ?? 0))
        + 4L * (_outMultiplicity?.Length ?? 0) + 4L * (_inSince?.Length ?? 0);

    /// <summary>A shared run of ones, grown on demand: an unweighted graph's rows read their weights (and multiplicities) from it.</summary>
    private static class Ones<T> where T : struct, INumberBase<T>
    {
        private static T[] s_ones = [];

        public static ReadOnlySpan<T> Span(int length)
        {
            T[] ones = s_ones;
            if (ones.Length < length)
            {
                ones = new T[Math.Max(length, 256)];
                Array.Fill(ones, T.One);
                s_ones = ones;
            }
            return new(ones, 0, length);
        }
    }
}
