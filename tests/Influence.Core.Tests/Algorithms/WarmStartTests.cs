using Influence.Core.Algorithms;
using Influence.Core.Graph;
using Influence.Core.Model;
using Influence.Core.Synthetic;
using static Influence.Core.Tests.Algorithms.KernelTestGraphs;

namespace Influence.Core.Tests.Algorithms;

/// <summary>Warm starts of the kernel: PageRank from an initial vector, Leiden from an initial partition.</summary>
public sealed class WarmStartTests
{
    private static readonly Lazy<(DirectedGraph Before, DirectedGraph After)> s_grown = new(() =>
    {
        SyntheticWorld world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 3000, Seed = 5 });
        return (world.ToInput(0.01, 5).Follows, world.ToInput().Follows);
    });

    [Fact]
    public void PageRankFromAnotherVectorReachesTheSameScoresInFewerIterations()
    {
        var (before, after) = s_grown.Value;
        PageRankResult cold = PageRank.Compute(after);
        PageRankResult previous = PageRank.Compute(before);
        PageRankResult warm = PageRank.Compute(after, new PageRankConfig { InitialScores = previous.Scores });
        Assert.True(warm.DidConverge);
        Assert.True(warm.Iterations < cold.Iterations, $"warm {warm.Iterations} iterations, cold {cold.Iterations}");
        double l1 = 0;
        for (int v = 0; v < after.NodeCount; v++) l1 += Math.Abs(warm.Scores[v] - cold.Scores[v]);
        Assert.True(l1 < 1e-8, $"L1 between warm and cold scores {l1}");
    }

    [Fact]
    public void PageRankInitialScoresNeedNotBeNormalised()
    {
        var g = FromText("a b\nb c\nc a\nc b");
        PageRankResult cold = PageRank.Compute(g);
        PageRankResult warm = PageRank.Compute(g, new PageRankConfig { InitialScores = [5, 0, 1] });
        for (int v = 0; v < g.NodeCount; v++) Assert.Equal(cold.Scores[v], warm.Scores[v], 9);
    }

    [Theory]
    [InlineData(new[] { 1.0, 1 }, "length 2 but the graph has 3 nodes")]
    [InlineData(new[] { 1.0, -1, 0 }, "InitialScores[1] is -1")]
    [InlineData(new[] { 1.0, double.NaN, 0 }, "InitialScores[1] is NaN")]
    [InlineData(new[] { 1.0, double.PositiveInfinity, 0 }, "InitialScores[1] is Infinity")]
    [InlineData(new[] { 0.0, 0, 0 }, "all zero")]
    public void BadInitialScoresAreRefusedByName(double[] initial, string expected)
    {
        var g = FromText("a b\nb c");
        var ex = Assert.ThrowsAny<ArgumentException>(() => PageRank.Compute(g, new PageRankConfig { InitialScores = initial }));
        Assert.Equal("InitialScores", ex.ParamName);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void LeidenFromItsOwnResultStopsAfterOnePassWithTheSamePartition()
    {
        var (_, after) = s_grown.Value;
        CommunityResult cold = CommunityDetection.Compute(after);
        CommunityResult warm = CommunityDetection.Compute(after, new CommunityConfig { InitialPartition = cold.Community });
        Assert.Equal(1, warm.Passes);
        Assert.True(warm.DidConverge);
        Assert.True(warm.Modularity >= cold.Modularity - 1e-4, $"warm Q {warm.Modularity}, cold Q {cold.Modularity}");
    }

    [Fact]
    public void LeidenFromThePreviousPartitionMatchesColdModularityAfterOnePercentNewEdges()
    {
        var (before, after) = s_grown.Value;
        int[] previous = CommunityDetection.Compute(before).Community;
        CommunityResult cold = CommunityDetection.Compute(after);
        CommunityResult warm = CommunityDetection.Compute(after, new CommunityConfig { InitialPartition = previous });
        Assert.True(Math.Abs(warm.Modularity - cold.Modularity) <= 0.002, $"warm Q {warm.Modularity}, cold Q {cold.Modularity}");
        Assert.True(warm.Passes <= cold.Passes, $"warm {warm.Passes} passes, cold {cold.Passes}");
        // The warm partition is a valid partition whose modularity the kernel reproduces.
        Assert.Equal(warm.Modularity, CommunityDetection.Modularity(after, warm.Community), 9);
    }

    [Theory]
    [InlineData(new[] { 0, 0 }, "2 entries but the graph has 3 nodes")]
    [InlineData(new[] { 0, 3, 0 }, "InitialPartition[1] = 3 is not in [0, 3)")]
    [InlineData(new[] { 0, -1, 0 }, "InitialPartition[1] = -1")]
    public void BadInitialPartitionIsRefusedByName(int[] initial, string expected)
    {
        var g = FromText("a b\nb c");
        var ex = Assert.ThrowsAny<ArgumentException>(() => CommunityDetection.Compute(g, new CommunityConfig { InitialPartition = initial }));
        Assert.Equal("InitialPartition", ex.ParamName);
        Assert.Contains(expected, ex.Message);
    }
}
