using System.Globalization;
using System.Text;
using System.Text.Json;
using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Tests.Shared;

namespace Influence.QuikGraph.Tests;

/// <summary>Real data sets of ../shared/data read with the project's own reader (tests skip when absent), and igraph as a reference.</summary>
internal static class RealGraphs
{
    public static DirectedGraph Read(string relativePath, bool weighted = false)
    {
        string path = TestPaths.RequireSharedFile(relativePath);
        var builder = new GraphBuilder(weighted: weighted);
        using FileStream stream = File.OpenRead(path);
        FollowReader.LoadInto(builder, stream, path, new ReadOptions { Format = InputFormat.EdgeList });
        return builder.Build();
    }

    /// <summary>Strong and weak component counts by python-igraph on the exact graph (dense ids); skips without igraph.</summary>
    public static (int Strong, int Weak) IgraphComponents(DirectedGraph graph)
    {
        TestPaths.RequirePythonGraphLibraries();
        var sb = new StringBuilder().Append(graph.NodeCount).Append('\n');
        for (int u = 0; u < graph.NodeCount; u++)
            foreach (int v in graph.OutNeighbors(u)) sb.Append(u).Append(' ').Append(v).Append('\n');
        string json = TestPaths.RunPython("""
import sys, json
import igraph as ig
lines = sys.stdin.read().split("\n")
edges = [tuple(map(int, l.split())) for l in lines[1:] if l]
g = ig.Graph(n=int(lines[0]), edges=edges, directed=True)
print(json.dumps({"strong": len(g.connected_components(mode="strong")), "weak": len(g.connected_components(mode="weak"))}))
""", sb.ToString());
        JsonElement root = JsonDocument.Parse(json).RootElement;
        return (root.GetProperty("strong").GetInt32(), root.GetProperty("weak").GetInt32());
    }

    public static string Id(int i) => i.ToString(CultureInfo.InvariantCulture);
}
