using Influence.Core.Algorithms;
using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Tests.Model;

/// <summary>Bad configuration and bad input fail with a message that names what, where and why.</summary>
public sealed class BadInputTests
{
    private static InfluenceInput Small()
    {
        var w = new TinyWorld("A", "B").Follow("A>B").Act("B", "A", InteractionKind.Reply);
        return w.Input();
    }

    [Theory]
    [InlineData("like", -1.0, "KindWeights.Like")]
    [InlineData("reply", double.NaN, "KindWeights.Reply")]
    [InlineData("like", 1e300, "KindWeights.Like")] // would overflow the engagement sums
    public void Bad_kind_weight(string kind, double value, string expected)
    {
        var weights = kind == "like" ? new KindWeights { Like = value } : new KindWeights { Reply = value };
        var e = Assert.Throws<ArgumentException>(() => new InfluenceConfig { KindWeights = weights }.Validate());
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void All_kind_weights_zero()
    {
        var zero = new KindWeights { Reply = 0, Mention = 0, Share = 0, Quote = 0, Comment = 0, Like = 0 };
        var e = Assert.Throws<ArgumentException>(() => InfluenceAnalyzer.Run(Small(), new InfluenceConfig { KindWeights = zero }));
        Assert.Contains("all 0", e.Message);
    }

    [Fact]
    public void Bad_period_and_personalised_pagerank()
    {
        Assert.Contains("DefenderPeriodSeconds = 0", Assert.Throws<ArgumentException>(() => new InfluenceConfig { DefenderPeriodSeconds = 0 }.Validate()).Message);
        Assert.Contains("personalised", Assert.Throws<ArgumentException>(() => new InfluenceConfig { PageRank = new PageRankConfig { Seeds = [0] } }.Validate()).Message);
        Assert.Contains("Damping", Assert.Throws<ArgumentException>(() => new InfluenceConfig { PageRank = new PageRankConfig { Damping = 1 } }.Validate()).Message);
    }

    [Fact]
    public void Unknown_and_out_of_range_threshold_overrides()
    {
        var unknown = Assert.Throws<ArgumentException>(() => new InfluenceConfig { ThresholdOverrides = new Dictionary<string, double> { ["large_audiance"] = 3 } }.Validate());
        Assert.Contains("unknown threshold 'large_audiance'", unknown.Message);
        Assert.Contains("large_audience_followers", unknown.Message); // lists the known names
        var range = Assert.Throws<ArgumentException>(() => new InfluenceConfig { ThresholdOverrides = new Dictionary<string, double> { [ThresholdCatalog.OneWayMaxFollowedBackRate] = 1.5 } }.Validate());
        Assert.Contains("one_way_max_followed_back_rate", range.Message);
        Assert.Contains("outside [0, 1]", range.Message);
    }

    [Fact]
    public void Interaction_with_unknown_node_is_named_by_index_and_field()
    {
        var input = Small();
        input.Interactions.Add(0, 7, InteractionKind.Like);
        var e = Assert.Throws<ArgumentException>(() => InfluenceAnalyzer.Run(input));
        Assert.Contains("Interaction #1", e.Message);
        Assert.Contains("'target'", e.Message);
    }

    [Theory]
    [InlineData(0.0, 0.5, "'weight' = 0")]
    [InlineData(double.PositiveInfinity, 0.5, "'weight'")]
    [InlineData(1.0, 2.0, "'stance' = 2")]
    public void Interaction_with_bad_weight_or_stance(double weight, double stance, string expected)
    {
        var input = Small();
        input.Interactions.Add(0, 1, InteractionKind.Reply, 100, weight, stance);
        var e = Assert.Throws<ArgumentException>(() => InfluenceAnalyzer.Run(input));
        Assert.Contains("Interaction #1", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Follow_graph_over_another_id_map_is_refused()
    {
        var other = new GraphBuilder(new IdMap());
        other.AddEdge("B", "A"); // same names, other order: node 0 is B there

        var input = Small();
        var e = Assert.Throws<ArgumentException>(() => InfluenceAnalyzer.Run(input with { Follows = other.Build() }));
        Assert.Contains("different IdMap", e.Message);
        Assert.Contains("node 0 is 'B' there but 'A' here", e.Message);

        var same = new GraphBuilder(new IdMap());
        same.AddEdge("A", "B"); // a copy of the map with the same names in the same order is accepted
        Assert.Equal(2, InfluenceAnalyzer.Run(input with { Follows = same.Build() }).Accounts.Length);
    }

    [Fact]
    public void Null_input_and_explain_with_foreign_thresholds()
    {
        Assert.Throws<ArgumentNullException>(() => InfluenceAnalyzer.Run(null!));
        var e = Assert.Throws<ArgumentException>(() => InfluenceAnalyzer.Explain(new AccountMetrics(), new RoleThresholds(new Dictionary<string, double>())));
        Assert.Contains("large_audience_followers", e.Message);
    }

    [Fact]
    public void Failed_run_leaves_the_input_untouched()
    {
        var input = Small();
        input.Interactions.Add(0, 1, InteractionKind.Reply, weight: -1);
        Assert.Throws<ArgumentException>(() => InfluenceAnalyzer.Run(input));
        Assert.Equal(2, input.Interactions.Count);
        Assert.Equal(1, input.Follows.EdgeCount);
    }
}
