using System.Runtime.CompilerServices;
using Influence.Core.Graph;

namespace Influence.Core.Algorithms;

/// <param name="Component">Per node: component id, consecutive from 0 (largest first, ties by smallest member).</param>
/// <param name="Count">Number of components (isolated nodes are components of size 1).</param>
/// <param name="LargestSize">Nodes in component 0; 0 for an empty graph.</param>
public sealed record ComponentsResult(int[] Component, int Count, int LargestSize);

/// <summary>Weakly connected components: edge direction ignored.</summary>
/// <remarks>
/// Union-find (union by index, path halving) over the out-rows — every edge appears in exactly one
/// out-row, so the in-rows add nothing. O(E·α(V)) time, one int per node of scratch.
/// </remarks>
public static class WeaklyConnectedComponents
{
    /// <summary>Labels every node with its weakly connected component.</summary>
    /// <exception cref="OperationCanceledException">Cancelled (checked every 65 536 nodes).</exception>
    public static ComponentsResult Compute(DirectedGraph graph, CancellationToken cancellationToken = default) =>
        Compute(graph, null, cancellationToken);

    /// <summary>Components of the union of <paramref name="graph"/> and <paramref name="also"/> (same nodes; null: the graph alone), without building the union.</summary>
    /// <exception cref="OperationCanceledException">Cancelled (checked every 65 536 nodes).</exception>
    public static ComponentsResult Compute(DirectedGraph graph, DirectedGraph? also, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int n = graph.NodeCount;
        if (also is not null && also.NodeCount != n)
            throw new ArgumentException($"Both graphs need the same nodes: {n} vs {also.NodeCount}.", nameof(also));
        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        Join(parent, graph, cancellationToken);
        if (also is not null) Join(parent, also, cancellationToken);
        return Label(parent);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Join(int[] parent, DirectedGraph graph, CancellationToken cancellationToken)
    {
        ReadOnlySpan<int> outOffsets = graph.OutOffsets, outTargets = graph.OutTargets;
        for (int u = 0; u < graph.NodeCount; u++)
        {
            if ((u & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            for (int e = outOffsets[u]; e < outOffsets[u + 1]; e++)
            {
                int a = Find(parent, u), b = Find(parent, outTargets[e]);
                if (a == b) continue;
                // Root at the smaller index: the root of each set ends up being its smallest member.
                if (a < b) parent[b] = a; else parent[a] = b;
            }
        }
    }

    /// <summary>Component ids from the union-find forest: largest first, ties by smallest member.</summary>
    private static ComponentsResult Label(int[] parent)
    {
        int n = parent.Length;

        // Roots are the smallest members; size per root.
        var size = new int[n];
        for (int u = 0; u < n; u++)
        {
            int r = Find(parent, u);
            parent[u] = r;
            size[r]++;
        }
        int count = 0;
        for (int u = 0; u < n; u++) if (parent[u] == u) count++;
        var roots = new int[count];
        var rootSizes = new int[count];
        for (int u = 0, k = 0; u < n; u++)
        {
            if (parent[u] != u) continue;
            roots[k] = u;
            rootSizes[k] = size[u];
            k++;
        }
        // Largest first; roots are ascending already, so a stable sort keeps ties by smallest member.
        int[] order = StableOrderBySizeDescending(rootSizes);
        var idOfRoot = size; // reuse: size[] no longer needed per root after this point
        for (int k = 0; k < count; k++) idOfRoot[roots[order[k]]] = k;
        var component = new int[n];
        for (int u = 0; u < n; u++) component[u] = idOfRoot[parent[u]];
        return new ComponentsResult(component, count, count == 0 ? 0 : rootSizes[order[0]]);
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /// <summary>Indexes of <paramref name="sizes"/> ordered by size descending, ties by index (counting sort, O(n + max)).</summary>
    internal static int[] StableOrderBySizeDescending(int[] sizes)
    {
        int max = 0;
        foreach (int s in sizes) if (s > max) max = s;
        var start = new int[max + 2];
        foreach (int s in sizes) start[max - s + 1]++;
        for (int i = 0; i <= max; i++) start[i + 1] += start[i];
        var order = new int[sizes.Length];
        for (int i = 0; i < sizes.Length; i++) order[start[max - sizes[i]]++] = i;
        return order;
    }
}
