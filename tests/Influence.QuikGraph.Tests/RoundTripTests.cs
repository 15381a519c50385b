using Influence.Core.Algorithms;
using Influence.Core.Graph;
using Influence.Core.Model;
using QuikGraph;
using QuikGraph.Algorithms;
using Xunit.Abstractions;

namespace Influence.QuikGraph.Tests;

/// <summary>Kernel → QuikGraph → kernel keeps every node, arc and weight; a QuikGraph graph runs the influence model.</summary>
public sealed class RoundTripTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("congress-twitter/congress_plain_weights.edgelist", true)]
    [InlineData("email-Eu-core/email-Eu-core.txt", false)]
    [InlineData("wiki-Vote/Wiki-Vote.txt", false)]
    public void Real_data_set_round_trips_with_the_same_nodes_arcs_and_weights(string file, bool weighted)
    {
        DirectedGraph kernel = RealGraphs.Read(file, weighted);
        BidirectionalGraph<string, AccountEdge> quik = QuikGraphExport.ToBidirectionalGraph(kernel);
        Assert.Equal(kernel.NodeCount, quik.VertexCount);
        Assert.Equal(kernel.EdgeCount, quik.EdgeCount);

        DirectedGraph back = QuikGraphImport.ToDirectedGraph(quik, weighted ? e => e.Weight : null);
        output.WriteLine($"{file}: {kernel.NodeCount} nodes, {kernel.EdgeCount} arcs ({kernel.SelfLoopsDropped} self-loops dropped on read) round-tripped");
        Assert.Equal(kernel.NodeCount, back.NodeCount);
        Assert.Equal(kernel.EdgeCount, back.EdgeCount);
        Assert.Equal(0, back.ParallelEdgesCollapsed);
        // Same accounts in the same order (QuikGraph keeps insertion order), so dense ids agree arc by arc.
        Assert.Equal(kernel.Ids.Ids, back.Ids.Ids);
        Assert.True(kernel.OutOffsets.SequenceEqual(back.OutOffsets), "out-offsets differ");
        Assert.True(kernel.OutTargets.SequenceEqual(back.OutTargets), "out-targets differ");
        Assert.True(kernel.AllOutWeights.SequenceEqual(back.AllOutWeights), "weights differ");
        // And QuikGraph answers as the kernel: degrees both ways of every account.
        for (int v = 0; v < kernel.NodeCount; v++)
        {
            Assert.Equal(kernel.OutDegree(v), quik.OutDegree(kernel.Ids[v]));
            Assert.Equal(kernel.InDegree(v), quik.InDegree(kernel.Ids[v]));
        }
    }

    [Fact]
    public void Input_exported_and_imported_gives_the_same_analysis()
    {
        InfluenceInput input = SmallWorld.Input();
        BidirectionalGraph<string, AccountEdge> follows = QuikGraphExport.Follows(input);
        var interactions = new List<TaggedEdge<string, (InteractionKind Kind, double Weight)>>();
        for (int i = 0; i < input.Interactions.Count; i++)
            interactions.Add(new(input.Ids[input.Interactions.Source[i]], input.Ids[input.Interactions.Target[i]],
                (input.Interactions.Kind[i], input.Interactions.Weight[i])));
        InfluenceInput imported = QuikGraphImport.ToInfluenceInput(follows, interactions, e => e.Tag.Kind, e => e.Tag.Weight);

        Assert.Equal(input.Ids.Ids, imported.Ids.Ids);
        InfluenceAnalysisResult direct = InfluenceAnalyzer.Run(input, new InfluenceConfig());
        InfluenceAnalysisResult viaQuik = InfluenceAnalyzer.Run(imported, new InfluenceConfig());
        for (int v = 0; v < input.Ids.Count; v++)
        {
            Assert.Equal(direct.Accounts[v].PageRank, viaQuik.Accounts[v].PageRank);
            Assert.Equal(direct.Accounts[v].Influence, viaQuik.Accounts[v].Influence);
            Assert.Equal(direct.Accounts[v].Role, viaQuik.Accounts[v].Role);
        }
    }

    [Fact]
    public void Interaction_graph_exports_with_the_model_weights()
    {
        InfluenceInput input = SmallWorld.Input();
        DirectedGraph kernel = InteractionGraph.Build(input);
        BidirectionalGraph<string, AccountEdge> quik = QuikGraphExport.Interactions(input);
        Assert.Equal(kernel.EdgeCount, quik.EdgeCount);
        Assert.True(quik.TryGetEdge("fan1", "star", out AccountEdge e));
        int fan = input.Ids.TryGetNode("fan1", out int f) ? f : -1, star = input.Ids.TryGetNode("star", out int s) ? s : -1;
        int i = kernel.OutNeighbors(fan).IndexOf(star);
        Assert.Equal(kernel.OutWeights(fan)[i], e.Weight);
    }

    [Fact]
    public void Accounts_without_arcs_survive_both_ways()
    {
        var g = new BidirectionalGraph<string, Edge<string>>();
        g.AddVertexRange(["lonely", "a", "b"]);
        g.AddEdge(new Edge<string>("a", "b"));
        DirectedGraph kernel = QuikGraphImport.ToDirectedGraph(g);
        Assert.Equal(3, kernel.NodeCount);
        Assert.Equal(1, kernel.EdgeCount);
        Assert.Contains("lonely", QuikGraphExport.ToBidirectionalGraph(kernel).Vertices);
    }

    [Fact]
    public void Bad_edges_are_named_with_index_and_field()
    {
        var nullTarget = new BidirectionalGraph<string, Edge<string>>();
        var weighted = new BidirectionalGraph<string, TaggedEdge<string, double>>();
        weighted.AddVerticesAndEdge(new TaggedEdge<string, double>("a", "b", 2));
        weighted.AddVerticesAndEdge(new TaggedEdge<string, double>("b", "c", double.NaN));
        var ex = Assert.Throws<ArgumentException>(() => QuikGraphImport.ToDirectedGraph(weighted, e => e.Tag));
        Assert.Contains("Edge #1", ex.Message);
        Assert.Contains("'weight' = NaN", ex.Message);

        weighted.AddVerticesAndEdge(new TaggedEdge<string, double>(" ", "c", 1));
        ex = Assert.Throws<ArgumentException>(() => QuikGraphImport.ToDirectedGraph(weighted));
        Assert.Contains("empty id", ex.Message);

        var follows = new BidirectionalGraph<string, Edge<string>>();
        follows.AddVerticesAndEdge(new Edge<string>("a", "b"));
        ex = Assert.Throws<ArgumentException>(() => QuikGraphImport.ToInfluenceInput(follows,
            [new TaggedEdge<string, int>("a", "b", 1), new TaggedEdge<string, int>("b", "a", 99)], e => (InteractionKind)e.Tag));
        Assert.Contains("Interaction edge #1 (b -> a): field 'kind' = 99", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => QuikGraphImport.ToInfluenceInput(follows,
            [new TaggedEdge<string, int>("a", "b", -3)], _ => InteractionKind.Reply, e => e.Tag));
        Assert.Contains("field 'weight' = -3", ex.Message);
        Assert.Throws<ArgumentNullException>(() => QuikGraphImport.ToDirectedGraph<string, Edge<string>>(null!));
        Assert.Throws<ArgumentNullException>(() => QuikGraphExport.ToBidirectionalGraph(null!));
        _ = nullTarget;
    }

    [Fact]
    public void Weakly_connected_components_agree_with_the_kernel()
    {
        DirectedGraph kernel = SmallWorld.Input().Follows;
        var components = new Dictionary<string, int>();
        int count = QuikGraphExport.ToBidirectionalGraph(kernel).WeaklyConnectedComponents(components);
        Assert.Equal(WeaklyConnectedComponents.Compute(kernel).Count, count);
    }
}
