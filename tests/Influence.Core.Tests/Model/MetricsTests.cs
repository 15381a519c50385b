using Influence.Core.Synthetic;
using Influence.Core.Model;

namespace Influence.Core.Tests.Model;

/// <summary>Every metric on a five-account graph, expected values worked out by hand in the comments.</summary>
public sealed class MetricsTests
{
    // Follows: A↔B, A→C, C→B, D→B, E→B.
    // Interactions (default kind weights reply 3, mention 2, share 4, like 1):
    //   A→B reply (3), A→B like ×2 (2), C→B share (4), B→A reply (3), D→B like (1), B→B reply (self: dropped), D→C mention (2).
    private static (TinyWorld World, InfluenceAnalysisResult Result) Analyse()
    {
        var w = new TinyWorld("A", "B", "C", "D", "E")
            .Follow("A>B", "B>A", "A>C", "C>B", "D>B", "E>B")
            .Act("A", "B", InteractionKind.Reply)
            .Act("A", "B", InteractionKind.Like, weight: 2)
            .Act("C", "B", InteractionKind.Share)
            .Act("B", "A", InteractionKind.Reply)
            .Act("D", "B", InteractionKind.Like)
            .Act("B", "B", InteractionKind.Reply)
            .Act("D", "C", InteractionKind.Mention);
        return (w, InfluenceAnalyzer.Run(w.Input()));
    }

    [Fact]
    public void Follow_counts_and_reciprocity()
    {
        var (w, r) = Analyse();
        AccountMetrics a = r.Accounts[w["A"]], b = r.Accounts[w["B"]], c = r.Accounts[w["C"]], d = r.Accounts[w["D"]];
        Assert.Equal((1, 2, 1), (a.Followers, a.Following, a.Mutual));
        Assert.Equal((4, 1, 1), (b.Followers, b.Following, b.Mutual));
        Assert.Equal((1, 1, 0), (c.Followers, c.Following, c.Mutual));
        Assert.Equal((0, 1, 0), (d.Followers, d.Following, d.Mutual));
        Assert.Equal(0.5, a.FollowBackRate, 12);   // follows A... B and C, B follows back
        Assert.Equal(1.0, a.FollowedBackRate, 12); // its one follower B is followed back
        Assert.Equal(1.0, b.FollowBackRate, 12);
        Assert.Equal(0.25, b.FollowedBackRate, 12); // follows back 1 of 4 followers
        Assert.Equal(0.0, d.FollowedBackRate, 12);  // no followers → 0
        Assert.Equal(2.0 / 6, r.Summary.GlobalReciprocity, 12); // A→B and B→A of 6 follows
    }

    [Fact]
    public void Engagement_sums_per_kind_and_unique_counts()
    {
        var (w, r) = Analyse();
        int B = w["B"];
        AccountMetrics b = r.Accounts[B];
        Assert.Equal(10, b.EngagementReceived, 12); // 3 + 2 + 4 + 1 (self-reply dropped)
        Assert.Equal(3, b.EngagementGiven, 12);     // reply to A only
        Assert.Equal(5, r.Accounts[w["A"]].EngagementGiven, 12);
        Assert.Equal(3, r.Accounts[w["D"]].EngagementGiven, 12); // like 1 + mention 2
        Assert.Equal(3, r.ReceivedByKind[B * InteractionKinds.Count + (int)InteractionKind.Reply], 12);
        Assert.Equal(4, r.ReceivedByKind[B * InteractionKinds.Count + (int)InteractionKind.Share], 12);
        Assert.Equal(3, r.ReceivedByKind[B * InteractionKinds.Count + (int)InteractionKind.Like], 12);
        Assert.Equal(2, r.GivenByKind[w["D"] * InteractionKinds.Count + (int)InteractionKind.Mention], 12);
        Assert.Equal(3, b.UniqueEngagers); // A, C, D
        Assert.Equal(1, b.UniqueEngaged);
        Assert.Equal(2, r.Accounts[w["D"]].UniqueEngaged);
        Assert.Equal(7, r.Summary.Interactions);
        Assert.Equal(5, r.Summary.InteractionEdges); // A→B, C→B, B→A, D→B, D→C
    }

    [Fact]
    public void Rates_and_shares()
    {
        var (w, r) = Analyse();
        AccountMetrics a = r.Accounts[w["A"]], b = r.Accounts[w["B"]], c = r.Accounts[w["C"]], d = r.Accounts[w["D"]];
        Assert.Equal(10.0 / 4, b.EngagementRate, 12);   // received / followers
        Assert.Equal(3.0, a.EngagementRate, 12);
        Assert.Equal(0.0, d.EngagementRate, 12);        // 0 / max(0, 1)
        Assert.Equal(0.75, b.ActiveAudienceShare, 12);  // A, C, D engaged; E did not
        Assert.Equal(0.0, c.ActiveAudienceShare, 12);   // follower A never engaged; D engaged but does not follow
        // Shares are of standing-weighted ties: tie(u) = log2(1 + kind-weighted engagement) × clamp(√(N × attention(u)), 0.5, 3).
        double Standing(string u) => Math.Clamp(Math.Sqrt(5 * r.Accounts[w[u]].Attention), 0.5, 3);
        double tieA = Math.Log2(1 + 5) * Standing("A"), tieC = Math.Log2(1 + 4) * Standing("C"), tieD = Math.Log2(1 + 1) * Standing("D");
        Assert.Equal(tieA / (tieA + tieC + tieD), b.ReciprocatedEngagementShare, 12); // B engages back A only
        Assert.Equal(1.0, a.ReciprocatedEngagementShare, 12);
        Assert.Equal(0.0, c.ReciprocatedEngagementShare, 12);
        Assert.Equal(1.0, c.ShareOfGivenThatIsShares, 12);
        Assert.Equal(0.0, a.ShareOfGivenThatIsShares, 12);
    }

    [Fact]
    public void Influence_is_the_geometric_mean_of_depth_and_depth_per_audience_member()
    {
        var (w, r) = Analyse();
        AccountMetrics b = r.Accounts[w["B"]];
        double Standing(string u) => Math.Clamp(Math.Sqrt(5 * r.Accounts[w[u]].Attention), 0.5, 3);
        // A's tie is reciprocated (B replied to A): ×2; B follows neither C nor D back: ×1.
        double depth = 2 * Math.Log2(6) * Standing("A") + Math.Log2(5) * Standing("C") + Math.Log2(2) * Standing("D");
        double audience = Math.Max(4, 3) + new InfluenceConfig().InfluencePriorAudience; // 4 followers, 3 engagers, prior 10
        Assert.Equal(depth / Math.Sqrt(audience), b.Influence, 12);
        Assert.Equal(0.0, r.Accounts[w["E"]].Influence, 12); // nobody engages with E
        // A bigger prior audience shrinks small accounts' influence; 0 makes it depth / √audience.
        var noPrior = InfluenceAnalyzer.Run(w.Input(), new InfluenceConfig { InfluencePriorAudience = 0 });
        Assert.Equal(depth / 2, noPrior.Accounts[w["B"]].Influence, 12);
        Assert.Throws<ArgumentException>(() => InfluenceAnalyzer.Run(w.Input(), new InfluenceConfig { InfluencePriorAudience = -1 }));
    }

    [Fact]
    public void Community_standout_compares_with_the_accounts_tied_to_it_by_follows()
    {
        var (w, r) = Analyse();
        // B's neighbours by follows: followers A, C, D, E and followee A (once). Their follower counts 1, 1, 0, 0:
        // median 0, floored at 1, so B's audience standout is 4 / 1.
        // Accounts engaging with each: B ← A, C, D (3); A ← B (1); C ← D (1); D and E none, left out of the median.
        Assert.Equal(Math.Sqrt(4.0 * (3 / 1.0)), r.Accounts[w["B"]].CommunityStandout, 12);
        // E follows B only and nobody engages with it: audience 0.
        Assert.Equal(0.0, r.Accounts[w["E"]].CommunityStandout, 12);
        // A follow graph alone: the audience part stands alone (A's neighbours B (4 followers) and C (1): median 1).
        var followsOnly = new TinyWorld("A", "B", "C", "D", "E").Follow("A>B", "B>A", "A>C", "C>B", "D>B", "E>B");
        var f = InfluenceAnalyzer.Run(followsOnly.Input());
        Assert.Equal(4.0, f.Accounts[followsOnly["B"]].CommunityStandout, 12);
        Assert.Equal(1.0, f.Accounts[followsOnly["A"]].CommunityStandout, 12);
    }

    [Fact]
    public void Community_standout_does_not_depend_on_the_community_detection_seed()
    {
        // Small communities are where two seeds draw different boundaries; the standout (and so the micro-influencer
        // verdict) must not move with them.
        var world = BlockCascadeWorldGenerator.Generate(new BlockCascadeWorldConfig { Accounts = 2000, Seed = 3, Weeks = 4, Communities = 60, MinCommunitySize = 12 });
        var config = new InfluenceConfig();
        var a = InfluenceAnalyzer.Run(world.ToInput(), config with { Community = config.Community with { Seed = 42 } });
        var b = InfluenceAnalyzer.Run(world.ToInput(), config with { Community = config.Community with { Seed = 7 } });
        int differentCommunity = 0;
        for (int v = 0; v < a.Accounts.Length; v++)
        {
            Assert.Equal(a.Accounts[v].CommunityStandout, b.Accounts[v].CommunityStandout, 12);
            if (a.Accounts[v].Community != b.Accounts[v].Community) differentCommunity++;
        }
        Assert.True(differentCommunity > 0, "the two seeds should label communities differently, or the test shows nothing");
    }

    [Fact]
    public void Ranks_communities_and_components_are_consistent()
    {
        var (w, r) = Analyse();
        double reach = 0, influence = 0;
        foreach (var m in r.Accounts) { reach += m.PageRank; influence += m.Attention; }
        Assert.Equal(1.0, reach, 9);
        Assert.Equal(1.0, influence, 9); // attention is a PageRank: it sums to 1
        int B = w["B"];
        for (int v = 0; v < r.Accounts.Length; v++)
            if (v != B)
            {
                Assert.True(r.Accounts[B].Attention > r.Accounts[v].Attention, $"B should be the most engaged-with account (vs {r.AccountIds[v]}).");
                Assert.True(r.Accounts[B].CommunityStandout >= r.Accounts[v].CommunityStandout || r.Accounts[v].Community != r.Accounts[B].Community);
            }
        Assert.Equal(1, r.Accounts[B].CommunityRank);
        Assert.All(r.Accounts, m => Assert.Equal(0, m.Component)); // one weakly connected component
        Assert.Equal(1, r.Summary.Components);

        // In-community share of B: engagement from engagers in B's community over all received.
        double inside = 0;
        if (r.Accounts[w["A"]].Community == r.Accounts[B].Community) inside += 5;
        if (r.Accounts[w["C"]].Community == r.Accounts[B].Community) inside += 4;
        if (r.Accounts[w["D"]].Community == r.Accounts[B].Community) inside += 1;
        Assert.Equal(inside / 10, r.Accounts[B].InCommunityEngagementShare, 12);

        // Community ranks are 1..size inside every community.
        foreach (var summary in r.Communities)
        {
            var ranks = r.Accounts.Where(m => m.Community == summary.Id).Select(m => m.CommunityRank).Order().ToArray();
            Assert.Equal(Enumerable.Range(1, summary.Size), ranks);
            Assert.Equal(1, r.Accounts[summary.TopAccounts[0]].CommunityRank);
        }
    }

    [Fact]
    public void Summary_counts_roles_stages_and_times_every_stage()
    {
        var (_, r) = Analyse();
        Assert.Equal(5, r.Summary.Nodes);
        Assert.Equal(6, r.Summary.FollowEdges);
        Assert.Equal(5, r.Summary.RoleCounts.Values.Sum());
        Assert.Equal(5, r.Summary.StageCounts.Values.Sum());
        foreach (string stage in new[] { "validate", "interaction_graph", "audience", "reciprocity", "pagerank_follows", "pagerank_interactions", "communities", "components", "metrics", "audience_quality", "roles", "defenders", "summary", "total" })
            Assert.True(r.Summary.TimingsMs.ContainsKey(stage), $"timings_ms lacks '{stage}'");
        Assert.InRange(r.Summary.Top100Overlap, 0, 1);
        Assert.InRange(r.Summary.FollowersInfluenceSpearman, -1, 1);
    }

    [Fact]
    public void Progress_is_reported_per_stage_and_reaches_100()
    {
        var (w, _) = Analyse();
        var reports = new List<AnalysisProgress>();
        InfluenceAnalyzer.Run(w.Input(), progress: new SyncProgress(reports.Add));
        Assert.Contains(reports, p => p.Stage == "communities");
        Assert.Contains(reports, p => p.Stage == "defenders");
        Assert.Equal(100, reports[^1].Percent);
        for (int i = 1; i < reports.Count; i++) Assert.True(reports[i].Percent >= reports[i - 1].Percent - 1e-9, "progress went backwards");
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        var (w, _) = Analyse();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => InfluenceAnalyzer.Run(w.Input(), cancellationToken: cts.Token));
    }

    [Fact]
    public void Accounts_seen_only_in_interactions_get_metrics()
    {
        var w = new TinyWorld("A", "B").Follow("A>B");
        var input = w.Input();
        w.Act("Z", "A", InteractionKind.Reply); // Z joins the id map after the follow graph was built
        var r = InfluenceAnalyzer.Run(input);
        Assert.Equal(3, r.Accounts.Length);
        Assert.Equal(0, r.Accounts[w["Z"]].Followers);
        Assert.Equal(3, r.Accounts[w["A"]].EngagementReceived, 12);
    }

    private sealed class SyncProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }
}
