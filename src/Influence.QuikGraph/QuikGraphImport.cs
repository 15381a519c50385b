using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;
using QuikGraph;

namespace Influence.QuikGraph;

/// <summary>
/// QuikGraph edge lists into the kernel, so a user with a QuikGraph graph can run <see cref="InfluenceAnalyzer.Run"/> on it.
/// Vertex ids are the vertices' text (<c>ToString()</c> unless <c>idOf</c> is given). Bad input (a null endpoint, an
/// empty id, a weight that is not a positive count ≤ <see cref="RowRules.MaxWeight"/>) throws <see cref="ArgumentException"/>
/// naming the edge (0-based) and the field.
/// </summary>
public static class QuikGraphImport
{
    /// <summary>A kernel graph of <paramref name="edges"/>; with <paramref name="weightOf"/> it is weighted.
    /// Vertices of <paramref name="graph"/> without edges become nodes too when it is a vertex set.</summary>
    public static DirectedGraph ToDirectedGraph<TVertex, TEdge>(IEdgeSet<TVertex, TEdge> graph, Func<TEdge, double>? weightOf = null,
        Func<TVertex, string>? idOf = null, IdMap? ids = null)
        where TEdge : IEdge<TVertex>
    {
        ArgumentNullException.ThrowIfNull(graph);
        var builder = new GraphBuilder(ids, weighted: weightOf is not null, edgeCapacity: Math.Max(16, graph.EdgeCount));
        idOf ??= DefaultId;
        if (graph is IVertexSet<TVertex> vertices)
            foreach (TVertex v in vertices.Vertices) builder.AddNode(Id(v, idOf, -1, "vertex"));
        int index = 0;
        foreach (TEdge e in graph.Edges)
        {
            (string source, string target) = Endpoints<TVertex, TEdge>(e, idOf, index);
            double weight = weightOf is null ? 1.0 : Weight(weightOf(e), index);
            builder.AddEdge(builder.AddNode(source), builder.AddNode(target), weight);
            index++;
        }
        return builder.Build();
    }

    /// <summary>
    /// An analysis input from a QuikGraph follow graph (u → v: u follows v) and, optionally, interaction edges
    /// (s → t: s acted on t) with a kind and a weight per edge. One id map serves both, as the model needs.
    /// </summary>
    public static InfluenceInput ToInfluenceInput<TVertex, TFollow, TInteraction>(IEdgeSet<TVertex, TFollow> follows,
        IEnumerable<TInteraction>? interactions, Func<TInteraction, InteractionKind> kindOf, Func<TInteraction, double>? weightOf = null,
        Func<TVertex, string>? idOf = null)
        where TFollow : IEdge<TVertex>
        where TInteraction : IEdge<TVertex>
    {
        ArgumentNullException.ThrowIfNull(follows);
        ArgumentNullException.ThrowIfNull(kindOf);
        idOf ??= DefaultId;
        var ids = new IdMap();
        DirectedGraph followGraph = ToDirectedGraph(follows, weightOf: null, idOf, ids);
        var log = new InteractionLog();
        int index = 0;
        foreach (TInteraction e in interactions ?? [])
        {
            (string source, string target) = Endpoints<TVertex, TInteraction>(e, idOf, index);
            InteractionKind kind = kindOf(e);
            if (!Enum.IsDefined(kind))
                throw new ArgumentException($"Interaction edge #{index} ({source} -> {target}): field 'kind' = {(int)kind} is not an interaction kind.", nameof(interactions));
            double weight = weightOf is null ? 1.0 : Weight(weightOf(e), index, "Interaction edge");
            log.Add(ids.GetOrAdd(source), ids.GetOrAdd(target), kind, weight: weight);
            index++;
        }
        // Accounts first seen in an interaction lie beyond the follow graph's nodes; the model widens it (no arcs for them).
        return new InfluenceInput(ids, followGraph, log);
    }

    private static string DefaultId<TVertex>(TVertex v) => v?.ToString() ?? "";

    private static (string Source, string Target) Endpoints<TVertex, TEdge>(TEdge e, Func<TVertex, string> idOf, int index)
        where TEdge : IEdge<TVertex>
    {
        if (e is null) throw new ArgumentException($"Edge #{index} is null.", "graph");
        return (Id(e.Source, idOf, index, "source"), Id(e.Target, idOf, index, "target"));
    }

    private static string Id<TVertex>(TVertex v, Func<TVertex, string> idOf, int index, string field)
    {
        string where = index < 0 ? "A vertex" : $"Edge #{index}: field '{field}'";
        if (v is null) throw new ArgumentException($"{where} is null: every account needs an id.", "graph");
        string id = idOf(v);
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException($"{where} has an empty id ('{v}'): every account needs an id.", "graph");
        return id;
    }

    private static double Weight(double w, int index, string what = "Edge")
    {
        if (!(w > 0) || !(w <= RowRules.MaxWeight))
            throw new ArgumentException($"{what} #{index}: field 'weight' = {w}: must be a positive count ≤ {RowRules.MaxWeight:0}.", "weightOf");
        return w;
    }
}
