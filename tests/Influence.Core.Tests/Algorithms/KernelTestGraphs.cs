using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Influence.Core.Graph;
using Influence.Tests.Shared;

namespace Influence.Core.Tests.Algorithms;

/// <summary>
/// Tiny graph readers for the kernel tests (the production readers live in Influence.Core.IO and are
/// tested on their own). Graphs are built through <see cref="GraphBuilder"/> like in production.
/// </summary>
internal static partial class KernelTestGraphs
{
    /// <summary>Graph from lines "source target [weight]"; blank lines ignored.</summary>
    public static DirectedGraph FromText(string text, bool weighted = false)
    {
        var builder = new GraphBuilder(weighted: weighted);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0) continue;
            string[] parts = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            double w = parts.Length > 2 ? double.Parse(parts[2], CultureInfo.InvariantCulture) : 1.0;
            builder.AddEdge(parts[0], parts[1], w);
        }
        return builder.Build();
    }

    /// <summary>Node id of an external id in <paramref name="graph"/>.</summary>
    public static int Node(this DirectedGraph graph, string id) =>
        graph.Ids.TryGetNode(id, out int node) ? node : throw new KeyNotFoundException(id);

    /// <summary>SNAP-style edge list: '#' comments, whitespace/tab separated, CRLF tolerated, optional third column weight.</summary>
    public static DirectedGraph ReadEdgeList(string path, bool weighted = false)
    {
        var builder = new GraphBuilder(weighted: weighted, edgeCapacity: 1 << 16);
        Span<Range> fields = stackalloc Range[4];
        foreach (string raw in File.ReadLines(path))
        {
            ReadOnlySpan<char> line = raw.AsSpan().Trim();
            if (line.IsEmpty || line[0] == '#') continue;
            int count = line.SplitAny(fields, " \t,", StringSplitOptions.RemoveEmptyEntries);
            if (count < 2) throw new FormatException($"{path}: line '{raw}' has fewer than two fields.");
            double w = weighted && count > 2 ? double.Parse(line[fields[2]], CultureInfo.InvariantCulture) : 1.0;
            builder.AddEdge(line[fields[0]], line[fields[1]], w);
        }
        return builder.Build();
    }

    /// <summary>Undirected GML (karate, football): every edge added in one direction only; nodes in file order.</summary>
    public static DirectedGraph ReadGml(string path)
    {
        string text = File.ReadAllText(path);
        var builder = new GraphBuilder();
        foreach (Match m in GmlNode().Matches(text)) builder.AddNode(m.Groups[1].Value);
        foreach (Match m in GmlEdge().Matches(text)) builder.AddEdge(m.Groups[1].Value, m.Groups[2].Value);
        return builder.Build();
    }

    [GeneratedRegex(@"node\s*\[\s*id\s+(\d+)")]
    private static partial Regex GmlNode();

    [GeneratedRegex(@"edge\s*\[\s*source\s+(\d+)\s+target\s+(\d+)")]
    private static partial Regex GmlEdge();

    /// <summary>"n\nu v w\n…" of the collapsed graph in dense ids, for the python reference script on stdin.</summary>
    public static string ToDenseEdgeText(DirectedGraph graph)
    {
        var sb = new StringBuilder();
        sb.Append(graph.NodeCount).Append('\n');
        for (int u = 0; u < graph.NodeCount; u++)
        {
            ReadOnlySpan<int> targets = graph.OutNeighbors(u);
            ReadOnlySpan<double> weights = graph.OutWeights(u);
            for (int i = 0; i < targets.Length; i++)
                sb.Append(u).Append(' ').Append(targets[i]).Append(' ').Append(weights[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Reference values computed by python-igraph on the exact graph given (dense ids).</summary>
    public static JsonElement IgraphReference(DirectedGraph graph, string computations)
    {
        TestPaths.RequirePythonGraphLibraries();
        string script = "todo = \"" + computations + "\"\n" + """
import sys, json, random
import igraph as ig
lines = sys.stdin.read().split("\n")
n = int(lines[0])
edges, weights = [], []
for line in lines[1:]:
    if not line: continue
    u, v, w = line.split()
    edges.append((int(u), int(v))); weights.append(float(w))
g = ig.Graph(n=n, edges=edges, directed=True)
g.es["weight"] = weights
random.seed(1)
ig.set_random_number_generator(random)
out = {}
if "pagerank" in todo:
    out["pagerank"] = g.pagerank(damping=0.85, implementation="prpack")
if "weighted" in todo:
    out["pagerank_weighted"] = g.pagerank(damping=0.85, weights="weight", implementation="prpack")
if "reciprocity" in todo:
    out["reciprocity"] = g.reciprocity(ignore_loops=True, mode="default")
if "leiden" in todo:
    und = g.as_undirected(mode="collapse")
    p = und.community_leiden(objective_function="modularity", n_iterations=-1)
    out["leiden_modularity"] = p.modularity
    out["leiden_count"] = len(p)
if "components" in todo:
    out["weak_components"] = len(g.connected_components(mode="weak"))
print(json.dumps(out))
""";
        string json = TestPaths.RunPython(script, ToDenseEdgeText(graph));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>A fixture written by tests/fixtures/kernel/make_fixtures.py.</summary>
    public static (DirectedGraph Graph, JsonElement Reference) LoadFixture(string name, bool weighted)
    {
        string path = Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "kernel", name + ".json");
        JsonElement root = JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
        int n = root.GetProperty("nodes").GetInt32();
        var builder = new GraphBuilder(weighted: weighted);
        for (int i = 0; i < n; i++) builder.AddNode(i.ToString(CultureInfo.InvariantCulture));
        foreach (JsonElement e in root.GetProperty("edges").EnumerateArray())
            builder.AddEdge(e[0].GetInt32(), e[1].GetInt32(), e[2].GetDouble());
        return (builder.Build(), root);
    }

    public static double[] Doubles(this JsonElement array)
    {
        var result = new double[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement e in array.EnumerateArray()) result[i++] = e.GetDouble();
        return result;
    }

    public static double L1(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += Math.Abs(a[i] - b[i]);
        return s;
    }

    /// <summary>Seeded random directed graph (for determinism and consistency tests).</summary>
    public static DirectedGraph Random(int nodes, int edges, int seed, bool weighted = false)
    {
        var rng = new Random(seed);
        var builder = new GraphBuilder(weighted: weighted, edgeCapacity: edges);
        for (int i = 0; i < nodes; i++) builder.AddNode(i.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < edges; i++)
        {
            int u = rng.Next(nodes);
            // Skewed targets and planted blocks of 50 so there is structure to find.
            int v = rng.NextDouble() < 0.7 ? (u / 50) * 50 + rng.Next(Math.Min(50, nodes - (u / 50) * 50)) : (int)(nodes * Math.Pow(rng.NextDouble(), 2));
            builder.AddEdge(u, v, weighted ? 0.5 + rng.NextDouble() : 1.0);
            if (rng.NextDouble() < 0.3) builder.AddEdge(v, u, weighted ? 0.5 + rng.NextDouble() : 1.0);
        }
        return builder.Build();
    }

    /// <summary>Partition given as a set of sets of external ids (label-free comparison).</summary>
    public static HashSet<string> PartitionOf(DirectedGraph graph, int[] community)
    {
        var groups = new Dictionary<int, List<string>>();
        for (int i = 0; i < community.Length; i++)
        {
            if (!groups.TryGetValue(community[i], out var list)) groups[community[i]] = list = [];
            list.Add(graph.Ids[i]);
        }
        var result = new HashSet<string>();
        foreach (var list in groups.Values)
        {
            list.Sort(StringComparer.Ordinal);
            result.Add(string.Join(",", list));
        }
        return result;
    }

    public static HashSet<string> Sets(params string[] groups)
    {
        var result = new HashSet<string>();
        foreach (string g in groups)
        {
            var members = g.Split(',', StringSplitOptions.TrimEntries);
            Array.Sort(members, StringComparer.Ordinal);
            result.Add(string.Join(",", members));
        }
        return result;
    }
}
