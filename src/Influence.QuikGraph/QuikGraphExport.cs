using Influence.Core.Graph;
using Influence.Core.Model;
using QuikGraph;

namespace Influence.QuikGraph;

/// <summary>
/// Kernel graphs to QuikGraph: a <see cref="BidirectionalGraph{TVertex,TEdge}"/> whose vertices are the external
/// account ids and whose edges carry the weights, for users who hold their graphs in QuikGraph or want one of its
/// algorithms. Every node is a vertex, isolated accounts included, so the vertex set equals the id map.
/// </summary>
public static class QuikGraphExport
{
    /// <summary>One edge per distinct arc of <paramref name="graph"/>, weight = the arc's (summed) weight, 1 when unweighted.</summary>
    public static BidirectionalGraph<string, AccountEdge> ToBidirectionalGraph(DirectedGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        // No parallel edges: the kernel already collapsed them (and QuikGraph then skips its duplicate check).
        var result = new BidirectionalGraph<string, AccountEdge>(allowParallelEdges: true, vertexCapacity: graph.NodeCount, edgeCapacity: 0);
        IdMap ids = graph.Ids;
        for (int v = 0; v < graph.NodeCount; v++) result.AddVertex(ids[v]);
        for (int v = 0; v < graph.NodeCount; v++)
        {
            string source = ids[v];
            ReadOnlySpan<int> targets = graph.OutNeighbors(v);
            ReadOnlySpan<double> weights = graph.OutWeights(v);
            for (int i = 0; i < targets.Length; i++) result.AddEdge(new AccountEdge(source, ids[targets[i]], weights[i]));
        }
        return result;
    }

    /// <summary>The follow graph of an analysis input (u → v: u follows v), over every account of the input.</summary>
    public static BidirectionalGraph<string, AccountEdge> Follows(InfluenceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        BidirectionalGraph<string, AccountEdge> g = ToBidirectionalGraph(input.Follows);
        // Accounts that only interact are in the id map but may lie beyond the follow graph's nodes.
        for (int v = input.Follows.NodeCount; v < input.Ids.Count; v++) g.AddVertex(input.Ids[v]);
        return g;
    }

    /// <summary>The weighted interaction graph of an analysis input (s → t: s acted on t; weight = Σ weight × kind weight),
    /// as the model builds it (<see cref="InteractionGraph.Build"/>).</summary>
    public static BidirectionalGraph<string, AccountEdge> Interactions(InfluenceInput input, KindWeights? kindWeights = null) =>
        ToBidirectionalGraph(InteractionGraph.Build(input ?? throw new ArgumentNullException(nameof(input)), kindWeights));
}
