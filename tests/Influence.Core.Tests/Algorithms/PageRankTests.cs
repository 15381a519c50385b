using System.Globalization;
using System.Text.Json;
using Influence.Core.Algorithms;
using Influence.Core.Graph;
using static Influence.Core.Tests.Algorithms.KernelTestGraphs;

namespace Influence.Core.Tests.Algorithms;

public sealed class PageRankTests
{
    // GDS PageRank example (8 pages), reference-values.md. No dangling nodes, so GDS score = N × ours.
    private const string GdsPages = """
        Home About 0.2
        Home Links 0.2
        Home Product 0.6
        About Home 1.0
        Product Home 1.0
        SiteA Home 1.0
        SiteB Home 1.0
        SiteC Home 1.0
        SiteD Home 1.0
        Links Home 0.8
        Links SiteA 0.05
        Links SiteB 0.05
        Links SiteC 0.05
        Links SiteD 0.05
        """;

    private static readonly PageRankConfig Exact = new() { Tolerance = 1e-14, MaxIterations = 1000 };

    private static JsonElement GdsFixture()
    {
        string path = Path.Combine(Influence.Tests.Shared.TestPaths.RepoRoot, "tests", "fixtures", "kernel", "gds-pagerank-example.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    private static double[] InFixtureOrder(DirectedGraph g, double[] scores, JsonElement fixture)
    {
        var names = fixture.GetProperty("names");
        var result = new double[names.GetArrayLength()];
        int i = 0;
        foreach (var name in names.EnumerateArray()) result[i++] = scores[g.Node(name.GetString()!)];
        return result;
    }

    [Fact]
    public void GdsExampleMatchesNetworkXValues()
    {
        var g = FromText(GdsPages);
        var r = PageRank.Compute(g, Exact);
        Assert.True(r.DidConverge);
        Assert.Equal(0.41906, r.Scores[g.Node("Home")], 5);
        foreach (string page in new[] { "About", "Links", "Product" }) Assert.Equal(0.137484, r.Scores[g.Node(page)], 6);
        foreach (string site in new[] { "SiteA", "SiteB", "SiteC", "SiteD" }) Assert.Equal(0.042122, r.Scores[g.Node(site)], 6);
        Assert.Equal(1.0, r.Scores.Sum(), 12);
    }

    [Fact]
    public void GdsExampleWithLowDampingEqualsGdsScoresOverN()
    {
        // At d = 0.05 GDS stops at its own tolerance (1e-7) well within 20 iterations: equal to ~2e-8.
        var g = FromText(GdsPages);
        var r = PageRank.Compute(g, Exact with { Damping = 0.05 });
        Assert.Equal(1.2487309425844906, 8 * r.Scores[g.Node("Home")], tolerance: 1e-7);
        Assert.Equal(0.9708121818724536, 8 * r.Scores[g.Node("About")], tolerance: 1e-7);
        Assert.Equal(0.9597081216238426, 8 * r.Scores[g.Node("SiteA")], tolerance: 1e-7);
    }

    [Fact]
    public void GdsExampleVariantsMatchIgraph()
    {
        var fixture = GdsFixture();
        var weighted = FromText(GdsPages, weighted: true);
        var cases = new (string Key, PageRankConfig Config)[]
        {
            ("pagerank", Exact),
            ("pagerank_weighted", Exact with { Weighted = true }),
            ("pagerank_damping_0_05", Exact with { Damping = 0.05 }),
            ("pagerank_personalized_site_a", Exact with { Seeds = [weighted.Node("SiteA")] }),
        };
        foreach (var (key, config) in cases)
        {
            var r = PageRank.Compute(weighted, config);
            double l1 = L1(InFixtureOrder(weighted, r.Scores, fixture), fixture.GetProperty(key).Doubles());
            Assert.True(l1 < 1e-10, $"{key}: L1 distance to igraph {l1}");
        }
        // GDS's weighted ordering: Home > Product > About = Links > sites.
        var w = PageRank.Compute(weighted, Exact with { Weighted = true }).Scores;
        Assert.True(w[weighted.Node("Home")] > w[weighted.Node("Product")]);
        Assert.True(w[weighted.Node("Product")] > w[weighted.Node("About")]);
        Assert.Equal(w[weighted.Node("About")], w[weighted.Node("Links")], 12);
    }

    [Fact]
    public void CelebrityWithDanglingMassMatchesNetworkX()
    {
        // GDS degree example: Doug follows nobody (dangling); his mass is spread uniformly.
        var g = FromText("""
            Alice Doug
            Alice Bridget
            Alice Charles
            Mark Doug
            Mark Michael
            Bridget Doug
            Charles Doug
            Michael Doug
            """);
        var r = PageRank.Compute(g, Exact);
        Assert.Equal(0.459866, r.Scores[g.Node("Doug")], 6);
        Assert.Equal(0.12846, r.Scores[g.Node("Michael")], 5);
        Assert.Equal(0.115689, r.Scores[g.Node("Bridget")], 6);
        Assert.Equal(0.115689, r.Scores[g.Node("Charles")], 6);
        Assert.Equal(0.090148, r.Scores[g.Node("Alice")], 6);
        Assert.Equal(0.090148, r.Scores[g.Node("Mark")], 6);
    }

    [Theory]
    [InlineData("random-small-unweighted", false)]
    [InlineData("random-medium-unweighted", false)]
    [InlineData("random-medium-weighted", true)]
    public void FixturesMatchIgraphPrpack(string name, bool weighted)
    {
        var (g, reference) = LoadFixture(name, weighted);
        var seeds = new List<int>();
        foreach (var s in reference.GetProperty("seeds").EnumerateArray()) seeds.Add(s.GetInt32());
        var cases = new List<(string, PageRankConfig)>
        {
            ("pagerank", new PageRankConfig()),
            ("pagerank_personalized", new PageRankConfig { Personalization = reference.GetProperty("personalization").Doubles() }),
            ("pagerank_seeds", new PageRankConfig { Seeds = seeds }),
            ("pagerank_damping_0_3", new PageRankConfig { Damping = 0.3 }),
        };
        if (weighted) cases.Add(("pagerank_weighted", new PageRankConfig { Weighted = true }));
        foreach (var (key, config) in cases)
        {
            var r = PageRank.Compute(g, config);
            Assert.True(r.DidConverge, $"{key} did not converge");
            double l1 = L1(r.Scores, reference.GetProperty(key).Doubles());
            Assert.True(l1 < 1e-8, $"{name}/{key}: L1 distance to igraph {l1}");
        }
    }

    [Fact]
    public void ScoresAreIdenticalWhateverTheThreadCount()
    {
        var g = Random(30_000, 200_000, seed: 3, weighted: true);   // large enough for the parallel path
        var one = PageRank.Compute(g, new PageRankConfig { Weighted = true, MaxDegreeOfParallelism = 1 });
        var two = PageRank.Compute(g, new PageRankConfig { Weighted = true, MaxDegreeOfParallelism = 2 });
        var eight = PageRank.Compute(g, new PageRankConfig { Weighted = true, MaxDegreeOfParallelism = 8 });
        Assert.Equal(one.Iterations, two.Iterations);
        Assert.Equal(one.Scores, two.Scores);   // bit-identical
        Assert.Equal(one.Scores, eight.Scores);
        Assert.Equal(one.FinalDelta, eight.FinalDelta);
    }

    [Fact]
    public void EdgelessGraphGivesTheTeleportVector()
    {
        var b = new GraphBuilder();
        for (int i = 0; i < 4; i++) b.AddNode(i.ToString(CultureInfo.InvariantCulture));
        var g = b.Build();
        var r = PageRank.Compute(g);
        Assert.All(r.Scores, s => Assert.Equal(0.25, s, 15));
        var p = PageRank.Compute(g, new PageRankConfig { Seeds = [2] });
        Assert.Equal(1.0, p.Scores[2], 15);
    }

    [Fact]
    public void EmptyGraphGivesEmptyScores()
    {
        var r = PageRank.Compute(new GraphBuilder().Build());
        Assert.Empty(r.Scores);
        Assert.True(r.DidConverge);
    }

    [Fact]
    public void IterationCapIsReportedAsNotConverged()
    {
        var g = FromText(GdsPages);
        var r = PageRank.Compute(g, new PageRankConfig { MaxIterations = 3 });
        Assert.Equal(3, r.Iterations);
        Assert.False(r.DidConverge);
        Assert.True(r.FinalDelta > 1e-10);
        Assert.Equal(1.0, r.Scores.Sum(), 12);
    }

    [Fact]
    public void ProgressIsReportedOncePerIteration()
    {
        var g = FromText(GdsPages);
        var reports = new List<double>();
        var r = PageRank.Compute(g, new PageRankConfig(), new SynchronousProgress(reports.Add));
        Assert.Equal(r.Iterations, reports.Count);
        Assert.True(reports.SequenceEqual(reports.Order()));
    }

    [Fact]
    public void CancelledTokenStopsTheRun()
    {
        var g = FromText(GdsPages);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => PageRank.Compute(g, cancellationToken: cts.Token));
    }

    [Fact]
    public void WeightedIgnoredOnUnweightedGraph()
    {
        var g = FromText(GdsPages);   // built unweighted: every edge weighs 1
        Assert.Equal(PageRank.Compute(g).Scores, PageRank.Compute(g, new PageRankConfig { Weighted = true }).Scores);
    }

    // Throws -----------------------------------------------------------------------------------

    private static readonly (string Parameter, PageRankConfig Config, string Expected)[] BadConfigs =
    [
        ("Damping", new PageRankConfig { Damping = 1.0 }, "[0, 1)"),
        ("Damping", new PageRankConfig { Damping = -0.1 }, "[0, 1)"),
        ("Damping", new PageRankConfig { Damping = double.NaN }, "[0, 1)"),
        ("Tolerance", new PageRankConfig { Tolerance = 0 }, "> 0"),
        ("Tolerance", new PageRankConfig { Tolerance = double.NaN }, "> 0"),
        ("MaxIterations", new PageRankConfig { MaxIterations = 0 }, ">= 1"),
        ("MaxDegreeOfParallelism", new PageRankConfig { MaxDegreeOfParallelism = 0 }, ">= 1"),
        ("Personalization", new PageRankConfig { Personalization = [1, 1] }, "length 2 but the graph has 3 nodes"),
        ("Personalization", new PageRankConfig { Personalization = [1, -1, 0] }, "Personalization[1] is -1"),
        ("Personalization", new PageRankConfig { Personalization = [1, double.NaN, 0] }, "Personalization[1] is NaN"),
        ("Personalization", new PageRankConfig { Personalization = [0, 0, 0] }, "all zero"),
        ("Personalization", new PageRankConfig { Personalization = [1, 0, 0], Seeds = [0] }, "not both"),
        ("Seeds", new PageRankConfig { Seeds = [0, 3] }, "Seeds[1] = 3 is not a node id in [0, 3)"),
        ("Seeds", new PageRankConfig { Seeds = [-1] }, "[0, 3)"),
        ("Seeds", new PageRankConfig { Seeds = [] }, "empty"),
    ];

    [Fact]
    public void BadConfigThrowsNamingTheParameterAndRange()
    {
        var g = FromText("a b\nb c");
        foreach (var (parameter, config, expected) in BadConfigs)
        {
            var ex = Assert.ThrowsAny<ArgumentException>(() => PageRank.Compute(g, config));
            Assert.Equal(parameter, ex.ParamName);
            Assert.Contains(expected, ex.Message);
        }
    }

    [Fact]
    public void NegativeWeightIsRejectedForWeightedRun()
    {
        var g = FromText("a b -1\nb c 2", weighted: true);
        var ex = Assert.Throws<ArgumentException>(() => PageRank.Compute(g, new PageRankConfig { Weighted = true }));
        Assert.Contains("weight -1", ex.Message);
        // The unweighted run ignores weights and is fine.
        Assert.Equal(1.0, PageRank.Compute(g).Scores.Sum(), 12);
    }

    [Fact]
    public void NullGraphIsRejected() =>
        Assert.Throws<ArgumentNullException>(() => PageRank.Compute(null!));
}

/// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SynchronousProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}
