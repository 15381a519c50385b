using System.Runtime.CompilerServices;
using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

/// <summary>Per-account reciprocity figures.</summary>
/// <param name="Mutual">Per node: accounts it follows that follow it back.</param>
/// <param name="FollowBackRate">Mutual / following (0 when following = 0).</param>
/// <param name="FollowedBackRate">Mutual / followers (0 when followers = 0).</param>
/// <param name="Global">Fraction of edges whose reverse edge exists (igraph default mode); NaN for an edgeless graph.</param>
/// <param name="MutualPairs">Unordered pairs connected both ways.</param>
public sealed record ReciprocityResult(int[] Mutual, double[] FollowBackRate, double[] FollowedBackRate, double Global, long MutualPairs);

/// <summary>Reciprocity of a directed graph, globally and per node.</summary>
/// <remarks>
/// Global = reciprocated arcs / arcs = igraph <c>reciprocity(mode="default")</c> = NetworkX
/// <c>overall_reciprocity</c>; self-loops never count (the builder drops them); parallel edges count once
/// (the builder collapses them); NaN when the graph has no edges.
/// Per node u, mutual(u) = |out(u) ∩ in(u)| by merging the two sorted rows: O(out + in).
/// NetworkX's per-node <c>reciprocity(G, u)</c> equals 2·mutual / (following + followers).
/// Total O(V + E), parallel over node ranges, exact (integer counts) whatever the thread count.
/// </remarks>
public static class Reciprocity
{
    private const int NodesPerRange = 1 << 14;

    /// <summary>Computes global and per-node reciprocity.</summary>
    /// <exception cref="OperationCanceledException">Cancelled (checked per node range).</exception>
    public static ReciprocityResult Compute(DirectedGraph graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int n = graph.NodeCount;
        var mutual = new int[n];
        var followBack = new double[n];
        var followedBack = new double[n];
        int ranges = (n + NodesPerRange - 1) / NodesPerRange;
        var rangeMutual = new long[ranges];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void RunRange(int r)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int from = r * NodesPerRange, to = Math.Min(n, from + NodesPerRange);
            ReadOnlySpan<int> outOffsets = graph._outOffsets, outTargets = graph._outTargets;
            ReadOnlySpan<int> inOffsets = graph._inOffsets, inSources = graph._inSources;
            long sum = 0;
            for (int u = from; u < to; u++)
            {
                int a = outOffsets[u], aEnd = outOffsets[u + 1];
                int b = inOffsets[u], bEnd = inOffsets[u + 1];
                int count = SortedSpans.CountIntersection(outTargets[a..aEnd], inSources[b..bEnd]);
                mutual[u] = count;
                int following = aEnd - a, followers = bEnd - b;
                followBack[u] = following == 0 ? 0 : (double)count / following;
                followedBack[u] = followers == 0 ? 0 : (double)count / followers;
                sum += count;
            }
            rangeMutual[r] = sum;
        }

        if (graph.EdgeCount + (long)n < 1 << 16 || ranges < 2)
        {
            for (int r = 0; r < ranges; r++) RunRange(r);
        }
        else
        {
            Parallel.For(0, ranges, new ParallelOptions { CancellationToken = cancellationToken }, RunRange);
        }

        long reciprocatedArcs = 0;
        foreach (long s in rangeMutual) reciprocatedArcs += s;
        double global = graph.EdgeCount == 0 ? double.NaN : (double)reciprocatedArcs / graph.EdgeCount;
        return new ReciprocityResult(mutual, followBack, followedBack, global, reciprocatedArcs / 2);
    }
}
