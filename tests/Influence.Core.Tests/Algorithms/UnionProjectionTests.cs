using Influence.Core.Algorithms;
using Influence.Core.Graph;

namespace Influence.Core.Tests.Algorithms;

/// <summary>Communities and components on two layers (follows, interaction ties) without building their union graph.</summary>
public sealed class UnionProjectionTests
{
    /// <summary>Two random layers over one id map (weighted second layer, as interactions are) and their union as the pipeline used to build it.</summary>
    private static (DirectedGraph First, DirectedGraph Second, DirectedGraph Union) Layers(int nodes, int firstEdges, int secondEdges, int seed)
    {
        var random = new Random(seed);
        var ids = new IdMap();
        for (int v = 0; v < nodes; v++) ids.GetOrAdd("n" + v);
        var first = new GraphBuilder(ids);
        var second = new GraphBuilder(ids, weighted: true);
        var union = new GraphBuilder(ids, weighted: true);
        // Small communities so the layers overlap (mutual ties, ties in both layers, parallel rows).
        int Pick(int u) => random.Next(4) == 0 ? random.Next(nodes) : (u / 10 * 10 + random.Next(10)) % nodes;
        for (int i = 0; i < firstEdges; i++)
        {
            int u = random.Next(nodes);
            first.AddEdge(u, Pick(u));
        }
        for (int i = 0; i < secondEdges; i++)
        {
            int u = random.Next(nodes);
            second.AddEdge(u, Pick(u), 0.5 + random.Next(5));
        }
        DirectedGraph f = first.Build(nodes), s = second.Build(nodes);
        for (int u = 0; u < nodes; u++)
        {
            foreach (int v in f.OutNeighbors(u)) union.AddEdge(u, v, 1.0);
            foreach (int v in s.OutNeighbors(u)) union.AddEdge(u, v, 1.0);
        }
        return (f, s, union.Build(nodes));
    }

    [Theory]
    [InlineData(CommunityProjection.Weighted, CommunityAlgorithm.Leiden, 1)]
    [InlineData(CommunityProjection.Simple, CommunityAlgorithm.Leiden, 2)]
    [InlineData(CommunityProjection.Weighted, CommunityAlgorithm.Louvain, 3)]
    public void Communities_and_components_on_the_union_equal_those_of_the_built_union(CommunityProjection projection, CommunityAlgorithm algorithm, int seed)
    {
        var (first, second, union) = Layers(4_000, 12_000, 8_000, seed);
        var config = new CommunityConfig { Seed = 11 + seed, Projection = projection, Algorithm = algorithm };
        CommunityResult expected = CommunityDetection.Compute(union, config);
        CommunityResult actual = CommunityDetection.ComputeOnUnion(first, second, config);
        Assert.Equal(expected.ProjectedEntries, actual.ProjectedEntries);
        Assert.Equal(expected.ModularityPerLevel, actual.ModularityPerLevel);
        Assert.Equal(expected.Community, actual.Community);
        Assert.Equal(expected.Modularity, actual.Modularity);
        Assert.True(actual.Count > 1);

        ComponentsResult expectedComponents = WeaklyConnectedComponents.Compute(union);
        ComponentsResult actualComponents = WeaklyConnectedComponents.Compute(first, second);
        Assert.Equal(expectedComponents.Component, actualComponents.Component);
        Assert.Equal(expectedComponents.Count, actualComponents.Count);
    }

    [Fact]
    public void Components_join_what_only_the_second_layer_connects()
    {
        var ids = new IdMap();
        var first = new GraphBuilder(ids);
        var second = new GraphBuilder(ids, weighted: true);
        first.AddEdge("a", "b");
        first.AddEdge("c", "d");
        second.AddEdge("d", "a", 2.0);
        ids.GetOrAdd("lonely");
        DirectedGraph f = first.Build(ids.Count), s = second.Build(ids.Count);
        Assert.Equal(3, WeaklyConnectedComponents.Compute(f).Count);
        ComponentsResult joined = WeaklyConnectedComponents.Compute(f, s);
        Assert.Equal(2, joined.Count);
        Assert.Equal(4, joined.LargestSize);
    }

    [Fact]
    public void Layers_over_different_nodes_are_refused()
    {
        var (first, _, _) = Layers(100, 300, 0, seed: 1);
        var (other, _, _) = Layers(120, 300, 0, seed: 1);
        Assert.Throws<ArgumentException>(() => CommunityDetection.ComputeOnUnion(first, other));
        Assert.Throws<ArgumentException>(() => WeaklyConnectedComponents.Compute(first, other));
    }
}
