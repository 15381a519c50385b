using System.Globalization;
using Influence.Core.Algorithms;
using Influence.Core.Graph;
using static Influence.Core.Tests.Algorithms.KernelTestGraphs;

namespace Influence.Core.Tests.Algorithms;

public sealed class ReciprocityTests
{
    [Fact]
    public void GdsPageExampleGlobalAndPerNode()
    {
        var g = FromText("""
            Home About
            Home Links
            Home Product
            About Home
            Product Home
            SiteA Home
            SiteB Home
            SiteC Home
            SiteD Home
            Links Home
            Links SiteA
            Links SiteB
            Links SiteC
            Links SiteD
            """);
        var r = Reciprocity.Compute(g);
        Assert.Equal(6.0 / 14, r.Global, 15);
        Assert.Equal(3, r.MutualPairs);
        // NetworkX per-node reciprocity = 2·mutual / (following + followers).
        double NetworkX(string id)
        {
            int u = g.Node(id);
            return 2.0 * r.Mutual[u] / (g.OutDegree(u) + g.InDegree(u));
        }
        Assert.Equal(0.6, NetworkX("Home"), 12);
        Assert.Equal(1.0, NetworkX("About"), 12);
        Assert.Equal(1.0, NetworkX("Product"), 12);
        Assert.Equal(1.0 / 3, NetworkX("Links"), 12);
        Assert.Equal(0.0, NetworkX("SiteA"), 12);
        // Home follows 3 and all follow back; 7 follow Home, 3 of them are followed back.
        Assert.Equal(1.0, r.FollowBackRate[g.Node("Home")]);
        Assert.Equal(3.0 / 7, r.FollowedBackRate[g.Node("Home")], 15);
        Assert.Equal(0.2, r.FollowBackRate[g.Node("Links")], 15);
    }

    [Fact]
    public void IgraphExampleIgnoresTheLoop()
    {
        var g = FromText("1 2\n2 1\n2 3\n3 4\n4 4");
        var r = Reciprocity.Compute(g);
        Assert.Equal(0.5, r.Global, 15);
        Assert.Equal(1, g.SelfLoopsDropped);
        Assert.Equal(2.0 / 3, Reciprocity.Compute(FromText("0 1\n1 0\n0 2")).Global, 15);
    }

    [Fact]
    public void LabelPropagationExampleIsEightTenths()
    {
        var g = FromText("""
            Alice Bridget
            Alice Charles
            Mark Doug
            Bridget Michael
            Doug Mark
            Michael Alice
            Alice Michael
            Bridget Alice
            Michael Bridget
            Charles Doug
            """);
        Assert.Equal(0.8, Reciprocity.Compute(g).Global, 15);
    }

    [Fact]
    public void CelebrityHasNoReciprocity()
    {
        var g = FromText("Alice Doug\nMark Doug\nBridget Doug\nCharles Doug\nMichael Doug\nDoug Doug");
        var r = Reciprocity.Compute(g);
        int doug = g.Node("Doug");
        Assert.Equal(5, g.InDegree(doug));
        Assert.Equal(0, g.OutDegree(doug));
        Assert.Equal(0, r.Mutual[doug]);
        Assert.Equal(0, r.FollowBackRate[doug]);   // follows nobody: 0 by definition
        Assert.Equal(0, r.FollowedBackRate[doug]);
        Assert.Equal(0, r.Global);
    }

    [Fact]
    public void EdgelessGraphIsNaN()
    {
        var b = new GraphBuilder();
        b.AddNode("a");
        var r = Reciprocity.Compute(b.Build());
        Assert.True(double.IsNaN(r.Global));
        Assert.Equal([0], r.Mutual);
        Assert.True(double.IsNaN(Reciprocity.Compute(new GraphBuilder().Build()).Global));
    }

    [Theory]
    [InlineData("random-small-unweighted")]
    [InlineData("random-medium-unweighted")]
    [InlineData("random-medium-weighted")]
    public void FixturesMatchIgraphAndNetworkX(string name)
    {
        var (g, reference) = LoadFixture(name, weighted: false);
        var r = Reciprocity.Compute(g);
        Assert.Equal(reference.GetProperty("reciprocity").GetDouble(), r.Global, 14);
        foreach (var node in reference.GetProperty("networkx_node_reciprocity").EnumerateObject())
        {
            int u = int.Parse(node.Name, CultureInfo.InvariantCulture);
            Assert.Equal(node.Value.GetDouble(), 2.0 * r.Mutual[u] / (g.OutDegree(u) + g.InDegree(u)), 12);
        }
    }

    [Fact]
    public void ParallelRunMatchesAPlainCount()
    {
        var g = Random(40_000, 200_000, seed: 9);
        var r = Reciprocity.Compute(g);
        long reciprocated = 0;
        for (int u = 0; u < g.NodeCount; u++)
        {
            int mutual = 0;
            foreach (int v in g.OutNeighbors(u)) if (g.HasEdge(v, u)) mutual++;
            Assert.Equal(mutual, r.Mutual[u]);
            reciprocated += mutual;
        }
        Assert.Equal((double)reciprocated / g.EdgeCount, r.Global);
        Assert.Equal(reciprocated / 2, r.MutualPairs);
    }

    [Fact]
    public void NullGraphAndCancellationAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Reciprocity.Compute(null!));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Reciprocity.Compute(FromText("a b"), cts.Token));
    }
}

public sealed class WeaklyConnectedComponentsTests
{
    [Fact]
    public void ComponentsIgnoreDirectionAndAreOrderedLargestFirst()
    {
        var b = new GraphBuilder();
        b.AddNode("isolated");
        b.AddEdge("x", "y");
        b.AddEdge("a", "b");
        b.AddEdge("c", "b");   // a, b, c connected only through b's in-edges
        b.AddEdge("c", "d");
        var g = b.Build();
        var r = WeaklyConnectedComponents.Compute(g);
        Assert.Equal(3, r.Count);
        Assert.Equal(4, r.LargestSize);
        Assert.Equal(0, r.Component[g.Node("a")]);
        Assert.Equal(0, r.Component[g.Node("d")]);
        Assert.Equal(1, r.Component[g.Node("x")]);   // size 2
        Assert.Equal(2, r.Component[g.Node("isolated")]);
    }

    [Fact]
    public void TiesAreBrokenBySmallestMember()
    {
        var g = FromText("p q\nr s\nt u");
        var r = WeaklyConnectedComponents.Compute(g);
        Assert.Equal([0, 0, 1, 1, 2, 2], r.Component);
    }

    [Theory]
    [InlineData("random-small-unweighted")]
    [InlineData("random-medium-unweighted")]
    public void FixturesMatchIgraph(string name)
    {
        var (g, reference) = LoadFixture(name, weighted: false);
        var r = WeaklyConnectedComponents.Compute(g);
        Assert.Equal(reference.GetProperty("weak_components").GetInt32(), r.Count);
        Assert.Equal(reference.GetProperty("largest_weak_component").GetInt32(), r.LargestSize);
        // Every edge joins nodes of one component.
        for (int u = 0; u < g.NodeCount; u++)
            foreach (int v in g.OutNeighbors(u)) Assert.Equal(r.Component[u], r.Component[v]);
    }

    [Fact]
    public void EmptyGraphHasNoComponents()
    {
        var r = WeaklyConnectedComponents.Compute(new GraphBuilder().Build());
        Assert.Equal(0, r.Count);
        Assert.Equal(0, r.LargestSize);
    }

    [Fact]
    public void NullGraphAndCancellationAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => WeaklyConnectedComponents.Compute(null!));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => WeaklyConnectedComponents.Compute(FromText("a b"), cts.Token));
    }
}
