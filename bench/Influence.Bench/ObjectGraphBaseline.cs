namespace Influence.Bench;

/// <summary>
/// The "object graph" baseline, built the way QuikGraph's BidirectionalGraph and PageRankAlgorithm
/// do it: a class per vertex and per edge, List&lt;Edge&gt; adjacency, Dictionary&lt;string, Vertex&gt;
/// for ids, and PageRank with a rank dictionary looked up per edge. QuikGraph itself is not
/// available offline here, so this re-creates its data layout and hot loop (no copied code).
/// </summary>
public sealed class ObjectGraphBaseline
{
    public sealed class Vertex(string id)
    {
        public string Id { get; } = id;
        public List<Edge> OutEdges { get; } = [];
        public List<Edge> InEdges { get; } = [];
    }

    public sealed class Edge(Vertex source, Vertex target)
    {
        public Vertex Source { get; } = source;
        public Vertex Target { get; } = target;
    }

    public Dictionary<string, Vertex> Vertices { get; } = new(StringComparer.Ordinal);
    public int EdgeCount { get; private set; }

    /// <summary>Reads "source target" lines; parallel edges and self-loops kept, as QuikGraph allows them.</summary>
    public static ObjectGraphBaseline Load(string path)
    {
        var graph = new ObjectGraphBaseline();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            string[] parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            Vertex s = graph.GetOrAdd(parts[0]), t = graph.GetOrAdd(parts[1]);
            var e = new Edge(s, t);
            s.OutEdges.Add(e);
            t.InEdges.Add(e);
            graph.EdgeCount++;
        }
        return graph;
    }

    private Vertex GetOrAdd(string id)
    {
        if (!Vertices.TryGetValue(id, out var v)) Vertices[id] = v = new Vertex(id);
        return v;
    }

    /// <summary>
    /// QuikGraph-style PageRank: ranks in a Dictionary&lt;Vertex, double&gt;, each vertex sums
    /// rank[source] / outDegree(source) over its in-edges, GDS-style un-normalised update
    /// (1−d) + d·sum, L1 error against the tolerance. Returns the iterations run.
    /// </summary>
    public int PageRank(double damping, double tolerance, int maxIterations, out Dictionary<Vertex, double> ranks)
    {
        ranks = new Dictionary<Vertex, double>(Vertices.Count);
        var next = new Dictionary<Vertex, double>(Vertices.Count);
        foreach (var v in Vertices.Values) ranks[v] = 0;
        int iteration = 0;
        double error;
        do
        {
            error = 0;
            foreach (var v in Vertices.Values)
            {
                double sum = 0;
                foreach (var e in v.InEdges) sum += ranks[e.Source] / e.Source.OutEdges.Count;
                double r = (1 - damping) + damping * sum;
                next[v] = r;
                error += Math.Abs(ranks[v] - r);
            }
            (ranks, next) = (next, ranks);
            iteration++;
        } while (error > tolerance && iteration < maxIterations);
        return iteration;
    }
}
