using Influence.Core.Model;

namespace Influence.Core.Tests.Model;

/// <summary>
/// The GDS Degree Centrality example (reference-values.md): Doug has the most followers and follows
/// nobody. Here the others also talk to each other while Doug only receives likes and answers no one:
/// Doug is popular, not influential.
/// </summary>
public sealed class CelebrityExampleTests
{
    private static (TinyWorld, InfluenceAnalysisResult) Analyse(IReadOnlyDictionary<string, double>? overrides = null)
    {
        var w = new TinyWorld("Alice", "Bridget", "Charles", "Doug", "Mark", "Michael")
            .Follow("Alice>Doug", "Alice>Bridget", "Alice>Charles", "Mark>Doug", "Mark>Michael",
                    "Bridget>Doug", "Charles>Doug", "Michael>Doug");
        // Conversation among the others (replies both ways, shares); Doug gets one like from each follower.
        foreach (var (a, b) in new[] { ("Alice", "Bridget"), ("Bridget", "Alice"), ("Alice", "Charles"), ("Charles", "Alice"),
                                       ("Mark", "Michael"), ("Michael", "Mark"), ("Bridget", "Charles"), ("Charles", "Bridget") })
            w.Act(a, b, InteractionKind.Reply).Act(a, b, InteractionKind.Share);
        foreach (string fan in new[] { "Alice", "Mark", "Bridget", "Charles", "Michael" }) w.Act(fan, "Doug", InteractionKind.Like);
        var config = new InfluenceConfig { ThresholdOverrides = overrides ?? new Dictionary<string, double>() };
        return (w, InfluenceAnalyzer.Run(w.Input(), config));
    }

    [Fact]
    public void Doug_has_the_largest_audience_and_reach_matching_networkx()
    {
        var (w, r) = Analyse();
        AccountMetrics doug = r.Accounts[w["Doug"]];
        Assert.Equal(5, doug.Followers);
        Assert.Equal(0, doug.Following);
        Assert.Equal(0.0, doug.FollowedBackRate);
        // NetworkX PageRank of the follow graph (reference-values.md).
        Assert.Equal(0.459866, doug.PageRank, 5);
        Assert.Equal(0.090148, r.Accounts[w["Alice"]].PageRank, 5);
        Assert.Equal(0.12846, r.Accounts[w["Michael"]].PageRank, 5);
    }

    [Fact]
    public void Doug_is_popular_not_influential()
    {
        var (w, r) = Analyse();
        AccountMetrics doug = r.Accounts[w["Doug"]];
        Assert.Equal(0.0, doug.ReciprocatedEngagementShare);
        Assert.Equal(0.0, doug.EngagementGiven);
        double dougInfluenceRank = r.Accounts.Count(m => m.Influence > doug.Influence);
        Assert.True(dougInfluenceRank >= 3, $"Doug ranks {dougInfluenceRank + 1} by influence: at least three conversational accounts should outrank him.");
        Assert.True(r.Accounts[w["Alice"]].Influence > doug.Influence);
        // Followers and influence disagree here: rank correlation well below 1.
        Assert.True(r.Summary.FollowersInfluenceSpearman < 0.5, $"spearman {r.Summary.FollowersInfluenceSpearman}");
    }

    [Fact]
    public void With_a_large_audience_threshold_of_five_Doug_is_a_celebrity_and_the_reason_says_why()
    {
        var (w, r) = Analyse(new Dictionary<string, double> { [ThresholdCatalog.LargeAudienceFollowers] = 5 });
        AccountMetrics doug = r.Accounts[w["Doug"]];
        Assert.Equal(AccountRole.Celebrity, doug.Role);
        var reasons = InfluenceAnalyzer.Explain(doug, r.Thresholds);
        Assert.True(reasons.Any(x => x.Text.StartsWith("celebrity: followers 5 ≥ large-audience threshold 5 (fixed)", StringComparison.Ordinal)), string.Join("\n", reasons.Select(x => x.Text)));
        Assert.Contains(reasons, x => x.Metric == "followed_back_rate" && x.Value == 0 && x.Comparison == "<=" && x.Threshold == 0.1);
        Assert.Contains(reasons, x => x.Text.StartsWith("celebrity that broadcasts only: engages with 0 accounts", StringComparison.Ordinal));
        Assert.Contains(reasons, x => x.Text.StartsWith("role: celebrity (margin ", StringComparison.Ordinal));
        Assert.Equal(PopularityQuadrant.PopularNotInfluential, doug.Quadrant);
        Assert.NotEqual(AccountRole.Celebrity, r.Accounts[w["Alice"]].Role);
    }
}
