using Influence.Core.Algorithms;
using Influence.Tests.Shared;
using Xunit.Abstractions;
using static Influence.Core.Tests.Algorithms.KernelTestGraphs;

namespace Influence.Core.Tests.Algorithms;

/// <summary>
/// Live comparisons with python-igraph on the real data sets in ../shared/data (skipped when the data
/// or /usr/bin/python3 with igraph are absent). igraph gets the exact collapsed graph we built.
/// </summary>
public sealed class RealDataComparisonTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("wiki-Vote/Wiki-Vote.txt")]
    [InlineData("email-Eu-core/email-Eu-core.txt")]
    public void UnweightedPageRankAndReciprocityMatchIgraph(string file)
    {
        var g = ReadEdgeList(TestPaths.RequireSharedFile(file));
        var reference = IgraphReference(g, "pagerank reciprocity");
        var pr = PageRank.Compute(g);
        Assert.True(pr.DidConverge);
        double l1 = L1(pr.Scores, reference.GetProperty("pagerank").Doubles());
        output.WriteLine($"{file}: PageRank L1 to igraph PRPACK {l1:E2} after {pr.Iterations} iterations");
        Assert.True(l1 < 1e-6, $"{file}: L1 distance to igraph PRPACK {l1}");
        // Exactly equal: both are the same integer ratio.
        Assert.Equal(reference.GetProperty("reciprocity").GetDouble(), Reciprocity.Compute(g).Global);
    }

    [SkippableFact]
    public void CongressWeightedPageRankMatchesIgraph()
    {
        var g = ReadEdgeList(TestPaths.RequireSharedFile("congress-twitter/congress_plain_weights.edgelist"), weighted: true);
        Assert.Equal(475, g.NodeCount);
        Assert.Equal(13_289, g.EdgeCount);
        var reference = IgraphReference(g, "pagerank weighted reciprocity");
        double weighted = L1(PageRank.Compute(g, new PageRankConfig { Weighted = true }).Scores, reference.GetProperty("pagerank_weighted").Doubles());
        double unweighted = L1(PageRank.Compute(g).Scores, reference.GetProperty("pagerank").Doubles());
        output.WriteLine($"congress: PageRank L1 to igraph PRPACK weighted {weighted:E2}, unweighted {unweighted:E2}");
        Assert.True(weighted < 1e-6, $"weighted L1 {weighted}");
        Assert.True(unweighted < 1e-6, $"unweighted L1 {unweighted}");
        Assert.Equal(reference.GetProperty("reciprocity").GetDouble(), Reciprocity.Compute(g).Global);
    }

    [SkippableTheory]
    [InlineData("karate/karate.gml")]
    [InlineData("football/football.gml")]
    [InlineData("email-Eu-core/email-Eu-core.txt")]
    [InlineData("wiki-Vote/Wiki-Vote.txt")]
    public void LeidenModularityAtLeastIgraphLeiden(string file)
    {
        string path = TestPaths.RequireSharedFile(file);
        var g = file.EndsWith(".gml", StringComparison.Ordinal) ? ReadGml(path) : ReadEdgeList(path);
        var reference = IgraphReference(g, "leiden components");
        var r = CommunityDetection.Compute(g, new CommunityConfig { Projection = CommunityProjection.Simple });
        double igraph = reference.GetProperty("leiden_modularity").GetDouble();
        output.WriteLine($"{file}: Leiden modularity ours {r.Modularity:F6} ({r.Count} communities, {r.Passes} passes) vs igraph {igraph:F6} ({reference.GetProperty("leiden_count").GetInt32()})");
        // 1e-12 slack: when both find the same partition (football) the two sums differ in the last bits.
        Assert.True(r.Modularity >= igraph - 1e-12, $"{file}: ours {r.Modularity:F6} ({r.Count} communities) < igraph {igraph:F6} ({reference.GetProperty("leiden_count").GetInt32()})");
        Assert.Equal(reference.GetProperty("weak_components").GetInt32(), WeaklyConnectedComponents.Compute(g).Count);
    }
}
