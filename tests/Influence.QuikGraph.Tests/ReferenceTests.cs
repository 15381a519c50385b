using Influence.Core.Algorithms;
using Influence.Core.Graph;
using QuikGraph;
using QuikGraph.Algorithms;
using QuikGraph.Algorithms.Ranking;
using Xunit.Abstractions;

namespace Influence.QuikGraph.Tests;

/// <summary>QuikGraph as a second reference beside igraph: its PageRank and its components against the kernel's, on real data.</summary>
public sealed class ReferenceTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("email-Eu-core/email-Eu-core.txt")]
    [InlineData("wiki-Vote/Wiki-Vote.txt")]
    public void Strong_and_weak_components_match_igraph(string file)
    {
        DirectedGraph g = RealGraphs.Read(file);
        var strong = new Dictionary<int, int>();
        int quikStrong = KernelGraphView.Of(g).StronglyConnectedComponents(strong);
        var weak = new Dictionary<string, int>();
        int quikWeak = QuikGraphExport.ToBidirectionalGraph(g).WeaklyConnectedComponents(weak);
        Assert.Equal(WeaklyConnectedComponents.Compute(g).Count, quikWeak);
        (int igraphStrong, int igraphWeak) = RealGraphs.IgraphComponents(g);
        output.WriteLine($"{file}: strong {quikStrong} (igraph {igraphStrong}), weak {quikWeak} (igraph {igraphWeak})");
        Assert.Equal(igraphStrong, quikStrong);
        Assert.Equal(igraphWeak, quikWeak);
    }

    /// <summary>
    /// QuikGraph's PageRank is the textbook recurrence r = (1-d) + d Σ r/out-degree, with no teleport for dangling
    /// accounts; on the largest strongly connected component (every account has an arc inside it) it is the kernel's
    /// PageRank times the account count.
    /// </summary>
    [SkippableTheory]
    // One small graph: QuikGraph's PageRank re-counts out-degrees through a filtered view every step (25 s on email-Eu-core).
    [InlineData("congress-twitter/congress_plain_weights.edgelist")]
    public void PageRank_on_the_strong_core_matches_QuikGraph(string file)
    {
        DirectedGraph g = RealGraphs.Read(file);
        ReciprocalCore core = ReciprocalCores.Of(g, Enumerable.Range(0, g.NodeCount).ToArray());
        var inCore = new HashSet<string>(core.Core);
        var builder = new GraphBuilder();
        foreach (string id in core.Core) builder.AddNode(id);
        for (int u = 0; u < g.NodeCount; u++)
            if (inCore.Contains(g.Ids[u]))
                foreach (int v in g.OutNeighbors(u))
                    if (inCore.Contains(g.Ids[v])) builder.AddEdge(g.Ids[u], g.Ids[v]);
        DirectedGraph sub = builder.Build();

        PageRankResult ours = PageRank.Compute(sub, new PageRankConfig { Tolerance = 1e-13, MaxIterations = 1000 });
        var quik = new PageRankAlgorithm<string, AccountEdge>(QuikGraphExport.ToBidirectionalGraph(sub)) { MaxIterations = 300, Tolerance = 1e-7 };
        quik.Compute();
        double l1 = 0;
        for (int v = 0; v < sub.NodeCount; v++) l1 += Math.Abs(ours.Scores[v] - quik.Ranks[sub.Ids[v]] / sub.NodeCount);
        output.WriteLine($"{file}: core of {sub.NodeCount}/{g.NodeCount} accounts ({core.Components} strong components); PageRank L1 to QuikGraph {l1:E2}");
        // QuikGraph stops when its summed change (n-scaled) is below 1e-7: about 1e-7 / n apart once normalised.
        Assert.True(l1 < 1e-7, $"L1 {l1}");
    }
}
