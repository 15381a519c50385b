using Influence.Core.Algorithms;
using Influence.Core.Graph;
using Influence.Core.Model;
using Influence.Core.Synthetic;
using static Influence.Core.Tests.Algorithms.KernelTestGraphs;

namespace Influence.Core.Tests.Algorithms;

/// <summary>Personalised PageRank by forward push against the power iteration it approximates.</summary>
public sealed class PersonalizedPushTests
{
    private static readonly Lazy<(SyntheticWorld World, DirectedGraph Interactions)> s_world = new(() =>
    {
        SyntheticWorld world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 3000, Seed = 9 });
        return (world, InteractionGraph.Build(world.ToInput()));
    });

    [Fact]
    public void With_a_small_epsilon_it_reaches_the_power_iterations_scores_including_dangling_nodes()
    {
        // c and d have no out-edges: their damped mass goes back to the seeds in both methods.
        var g = FromText("a b 1\nb c 2\nb a 1\nc d 1\ne a 5\na e 0.5", weighted: true);
        int[] seeds = [g.Node("a"), g.Node("e")];
        PageRankResult exact = PageRank.Compute(g, new PageRankConfig { Weighted = true, Seeds = seeds });
        PushResult push = PersonalizedPush.Compute(g, seeds, new PushConfig { Epsilon = 1e-13 });
        for (int v = 0; v < g.NodeCount; v++) Assert.Equal(exact.Scores[v], push.Scores[v], 9);
        Assert.Equal(1.0, push.Scores.Sum(), 12);
        Assert.True(push.ResidualMass < 1e-10);
    }

    [Fact]
    public void On_a_world_the_top_lists_agree_and_the_work_stays_within_its_bound()
    {
        var (world, g) = s_world.Value;
        int[] seeds = Enumerable.Range(0, world.AccountCount).Where(v => world.TrueCommunity[v] == 1).Take(10).ToArray();
        PageRankResult exact = PageRank.Compute(g, new PageRankConfig { Weighted = true, Seeds = seeds });
        var config = new PushConfig();
        PushResult push = PersonalizedPush.Compute(g, seeds, config);

        Assert.True(push.EdgeVisits <= 1 / (config.Epsilon * (1 - config.Damping)), $"{push.EdgeVisits} edge visits");
        double l1 = 0;
        for (int v = 0; v < g.NodeCount; v++) l1 += Math.Abs(exact.Scores[v] - push.Scores[v]);
        Assert.True(l1 <= 2 * push.ResidualMass + 1e-9, $"L1 {l1}, residual {push.ResidualMass}");
        Assert.Equal(1.0, push.Scores.Sum(), 9);
        int[] exactTop = Top(exact.Scores, 20), pushTop = Top(push.Scores, 20);
        Assert.True(exactTop.Intersect(pushTop).Count() >= 19, $"top-20: exact {string.Join(",", exactTop)}, push {string.Join(",", pushTop)}");
        Assert.Equal(push.Reached.Order(), Enumerable.Range(0, g.NodeCount).Where(v => push.Scores[v] > 0));
    }

    [Fact]
    public void A_segment_list_cut_to_its_top_equals_the_head_of_the_full_list()
    {
        var (world, g) = s_world.Value;
        InfluenceInput input = world.ToInput();
        InfluenceAnalysisResult result = InfluenceAnalyzer.Run(input);
        string[] seeds = [.. Enumerable.Range(0, world.AccountCount).Where(v => world.TrueCommunity[v] == 2).Take(5).Select(v => world.Ids[v])];
        var all = InfluencerLists.ForSegment(g, result, seeds, new InfluencerFilter { Top = 10_000 });
        var top = InfluencerLists.ForSegment(g, result, seeds, new InfluencerFilter { Top = 15 });
        Assert.True(all.Count > 30, $"{all.Count} accounts reached");
        Assert.Equal(all.Take(15).Select(e => (e.Node, e.Score)), top.Select(e => (e.Node, e.Score)));
        // The overload that builds the graph itself gives the same list.
        Assert.Equal(top, InfluencerLists.ForSegment(input, result, seeds, new InfluencerFilter { Top = 15 }));
    }

    [Fact]
    public void Bad_input_is_refused_by_name()
    {
        var g = FromText("a b 1\nb c -1", weighted: true);
        Assert.Contains("at least one seed", Assert.Throws<ArgumentException>(() => PersonalizedPush.Compute(g, [])).Message);
        Assert.Equal("seeds", Assert.Throws<ArgumentOutOfRangeException>(() => PersonalizedPush.Compute(g, [3])).ParamName);
        Assert.Equal("Epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => PersonalizedPush.Compute(g, [0], new PushConfig { Epsilon = 0 })).ParamName);
        Assert.Equal("Damping", Assert.Throws<ArgumentOutOfRangeException>(() => PersonalizedPush.Compute(g, [0], new PushConfig { Damping = 1 })).ParamName);
        Assert.Contains("weight -1", Assert.Throws<ArgumentException>(() => PersonalizedPush.Compute(g, [0], new PushConfig { Epsilon = 1e-12 })).Message);
        Assert.Throws<ArgumentNullException>(() => PersonalizedPush.Compute(null!, [0]));
    }

    [Fact]
    public void Repeated_and_concurrent_queries_on_one_graph_give_the_same_answers_as_the_first()
    {
        var (world, g) = s_world.Value;
        int[][] segments = [.. world.TrueCommunity.Distinct().Take(6)
            .Select(c => Enumerable.Range(0, world.AccountCount).Where(v => world.TrueCommunity[v] == c).Take(5).ToArray())];
        PushResult[] first = [.. segments.Select(seeds => PersonalizedPush.Compute(g, seeds))];

        // The per-node state is reused between queries: any leftover would change a later answer.
        var again = new PushResult[segments.Length * 4];
        Parallel.For(0, again.Length, i => again[i] = PersonalizedPush.Compute(g, segments[i % segments.Length]));

        for (int i = 0; i < again.Length; i++)
        {
            PushResult expected = first[i % segments.Length], actual = again[i];
            Assert.Equal(expected.Reached, actual.Reached);
            Assert.Equal(expected.ReachedScores, actual.ReachedScores);
            Assert.Equal(expected.ResidualMass, actual.ResidualMass);
        }
        // The sparse scores are the dense ones at the reached nodes, and nothing else is > 0.
        PushResult one = first[0];
        Assert.Equal(one.ReachedScores, one.Reached.Select(v => one.Scores[v]));
        Assert.Equal(one.Reached.Length, one.Scores.Count(x => x > 0));
    }

    [Fact]
    public void A_push_that_fails_half_way_leaves_no_trace_in_the_next_one()
    {
        // From a, the push reaches b and then fails on b's negative weight (a and b hold mass then); from d it never
        // goes there. The same nodes with a legal weight give the power iteration's answer to compare with.
        var g = FromText("a b 1\nb c -1\nd e 2\ne d 1\ne f 1", weighted: true);
        var legal = FromText("a b 1\nb c 1\nd e 2\ne d 1\ne f 1", weighted: true);
        Assert.Throws<ArgumentException>(() => PersonalizedPush.Compute(g, [g.Node("a")], new PushConfig { Epsilon = 1e-12 }));

        PushResult push = PersonalizedPush.Compute(g, [g.Node("d")], new PushConfig { Epsilon = 1e-13 });

        PageRankResult exact = PageRank.Compute(legal, new PageRankConfig { Weighted = true, Seeds = [legal.Node("d")] });
        Assert.Equal(0, push.Scores[g.Node("a")]);
        Assert.Equal(0, push.Scores[g.Node("b")]);
        for (int v = 0; v < g.NodeCount; v++) Assert.Equal(exact.Scores[v], push.Scores[v], 9);
    }

    private static int[] Top(double[] scores, int k) =>
        Enumerable.Range(0, scores.Length).OrderByDescending(v => scores[v]).ThenBy(v => v).Take(k).ToArray();
}
