using Influence.Core.Graph;
using QuikGraph;

namespace Influence.QuikGraph;

/// <summary>Which adjacency of a kernel graph a <see cref="KernelGraphView"/> walks.</summary>
/// <param name="Graph">The kernel graph (CSR).</param>
/// <param name="Forward">Walk u → v along its arcs (out-neighbours).</param>
/// <param name="Backward">Walk v → u against its arcs (in-neighbours).</param>
public readonly record struct ArcLayer(DirectedGraph Graph, bool Forward, bool Backward);

/// <summary>
/// A read-only QuikGraph view over one or more kernel graphs on the same dense node ids, without copying: QuikGraph's
/// algorithms (strongly connected components, breadth-first search, …) run over the CSR arrays directly. Vertices are
/// the dense ids <c>0..VertexCount-1</c>; the out-edges of a vertex are the arcs of every layer in the directions the
/// layer allows (an undirected walk over follows and interactions is two layers, each both ways). The same neighbour
/// may appear once per layer and direction, which graph searches ignore. A vertex filter restricts the view to a
/// subgraph (a community) without building it.
/// </summary>
public sealed class KernelGraphView : IVertexListGraph<int, SEdge<int>>
{
    private readonly ArcLayer[] _layers;
    private readonly bool[]? _inside;

    /// <param name="vertexCount">Dense ids 0..vertexCount-1 (at least every layer's node count is safe; larger is fine).</param>
    /// <param name="inside">When given, only vertices marked true are in the view (and arcs between them).</param>
    public KernelGraphView(int vertexCount, IReadOnlyList<ArcLayer> layers, bool[]? inside = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vertexCount);
        ArgumentNullException.ThrowIfNull(layers);
        if (inside is not null && inside.Length < vertexCount)
            throw new ArgumentException($"The vertex filter has {inside.Length} entries for {vertexCount} vertices.", nameof(inside));
        foreach (ArcLayer layer in layers) ArgumentNullException.ThrowIfNull(layer.Graph, nameof(layers));
        VertexCount = vertexCount;
        _layers = [.. layers];
        _inside = inside;
    }

    /// <summary>The arcs of <paramref name="graph"/> as they are (u → v).</summary>
    public static KernelGraphView Of(DirectedGraph graph) => new(graph.NodeCount, [new ArcLayer(graph, Forward: true, Backward: false)]);

    public bool IsDirected => true;
    public bool AllowParallelEdges => true;
    public int VertexCount { get; }
    public bool IsVerticesEmpty => VertexCount == 0;

    public IEnumerable<int> Vertices
    {
        get
        {
            for (int v = 0; v < VertexCount; v++)
                if (_inside is null || _inside[v]) yield return v;
        }
    }

    public bool ContainsVertex(int vertex) => (uint)vertex < (uint)VertexCount && (_inside is null || _inside[vertex]);

    public IEnumerable<SEdge<int>> OutEdges(int vertex)
    {
        if (!ContainsVertex(vertex)) throw new VertexNotFoundException($"Vertex {vertex} is not in this view.");
        return Walk(vertex);
    }

    private IEnumerable<SEdge<int>> Walk(int vertex)
    {
        foreach (ArcLayer layer in _layers)
        {
            if (vertex >= layer.Graph.NodeCount) continue;
            if (layer.Forward)
                for (int i = 0; i < layer.Graph.OutDegree(vertex); i++)
                {
                    int w = layer.Graph.OutNeighbors(vertex)[i];
                    if (ContainsVertex(w)) yield return new SEdge<int>(vertex, w);
                }
            if (layer.Backward)
                for (int i = 0; i < layer.Graph.InDegree(vertex); i++)
                {
                    int w = layer.Graph.InNeighbors(vertex)[i];
                    if (ContainsVertex(w)) yield return new SEdge<int>(vertex, w);
                }
        }
    }

    public int OutDegree(int vertex) => OutEdges(vertex).Count();

    public bool IsOutEdgesEmpty(int vertex) => !OutEdges(vertex).Any();

    public bool TryGetOutEdges(int vertex, out IEnumerable<SEdge<int>> edges)
    {
        edges = ContainsVertex(vertex) ? Walk(vertex) : [];
        return ContainsVertex(vertex);
    }

    public SEdge<int> OutEdge(int vertex, int index) => OutEdges(vertex).ElementAt(index);

    public bool ContainsEdge(int source, int target) => TryGetEdge(source, target, out _);

    public bool TryGetEdge(int source, int target, out SEdge<int> edge)
    {
        edge = new SEdge<int>(source, target);
        return ContainsVertex(source) && Walk(source).Any(e => e.Target == target);
    }

    public bool TryGetEdges(int source, int target, out IEnumerable<SEdge<int>> edges)
    {
        edges = ContainsVertex(source) ? Walk(source).Where(e => e.Target == target).ToArray() : [];
        return ContainsVertex(source);
    }
}
