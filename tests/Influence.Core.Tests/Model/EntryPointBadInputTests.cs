using Influence.Core.Graph;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Core.Tests.Model;

/// <summary>The remaining public entry points refuse bad input with a message that says what is wrong.</summary>
public sealed class EntryPointBadInputTests
{
    [Fact]
    public void Interaction_graph_checks_the_log()
    {
        var ids = new IdMap();
        ids.GetOrAdd("a");
        ids.GetOrAdd("b");
        var log = new InteractionLog();
        log.Add(0, 1, InteractionKind.Share);
        log.Add(1, 0, (InteractionKind)9);
        var input = new InfluenceInput(ids, new GraphBuilder(ids).Build(), log);
        var e = Assert.Throws<ArgumentException>(() => InteractionGraph.Build(input));
        Assert.Contains("Interaction #1: field 'kind' = 9", e.Message);
        Assert.Throws<ArgumentNullException>(() => InteractionGraph.Build(null!));
    }

    [Fact]
    public void Interaction_graph_sums_kind_weighted_engagement_per_pair()
    {
        var w = new TinyWorld("a", "b").Act("a", "b", InteractionKind.Share).Act("a", "b", InteractionKind.Like, weight: 3).Act("b", "b", InteractionKind.Reply);
        var g = InteractionGraph.Build(w.Input(), new KindWeights { Share = 5 });
        Assert.Equal(1, g.EdgeCount);        // self-reply dropped, two interactions one pair
        Assert.Equal(5 + 3, g.OutWeights(0)[0]);
    }

    [Fact]
    public void Threshold_catalog_refuses_unknown_and_derived_defaults()
    {
        Assert.Equal(90, ThresholdCatalog.Default(ThresholdCatalog.LargeAudiencePercentile));
        Assert.Throws<ArgumentException>(() => ThresholdCatalog.Default(ThresholdCatalog.LargeAudienceFollowers));
        Assert.Throws<ArgumentException>(() => ThresholdCatalog.Default("nope"));
        Assert.Null(ThresholdCatalog.Find("nope"));
        Assert.Null(ThresholdCatalog.ValidateOverrides(new Dictionary<string, double> { [ThresholdCatalog.DefenderMinPeriods] = 3 }));
        Assert.Contains("defender_min_periods", ThresholdCatalog.ValidateOverrides(new Dictionary<string, double> { [ThresholdCatalog.DefenderMinPeriods] = 0 }));
    }

    [Fact]
    public void Overriding_a_derived_threshold_fixes_it_and_the_reason_says_so()
    {
        var world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 800, Seed = 9 });
        var r = InfluenceAnalyzer.Run(world.ToInput(), new InfluenceConfig
        {
            ThresholdOverrides = new Dictionary<string, double> { [ThresholdCatalog.LargeAudienceFollowers] = 12 },
        });
        Assert.Equal(12, r.Thresholds.Values[ThresholdCatalog.LargeAudienceFollowers]);
        Assert.True(double.IsNaN(r.Thresholds.Values[ThresholdCatalog.LargeAudiencePercentile]));
        int large = Array.FindIndex(r.Accounts, m => m.Role is AccountRole.MacroInfluencer or AccountRole.Celebrity);
        Assert.True(large >= 0);
        Assert.Contains(InfluenceAnalyzer.Explain(r.Accounts[large], r.Thresholds), x => x.Text.Contains("large-audience threshold 12 (fixed)", StringComparison.Ordinal));
    }

    [Fact]
    public void Result_ids_do_not_grow_with_the_id_map()
    {
        var w = new TinyWorld("a", "b").Follow("a>b");
        var r = InfluenceAnalyzer.Run(w.Input());
        w.Ids.GetOrAdd("late");
        Assert.Equal(2, r.AccountIds.Count);
    }

    [Fact]
    public void Cost_probe_and_lists_refuse_nulls()
    {
        Assert.Throws<ArgumentNullException>(() => InfluencerLists.ForCommunity(null!, 0));
        Assert.Throws<ArgumentNullException>(() => DefenderNetworkView.Describe(null!, null, "a"));
    }
}

public sealed class EdgeCaseTests
{
    [Fact]
    public void Empty_input_gives_an_empty_result()
    {
        var w = new TinyWorld();
        var r = InfluenceAnalyzer.Run(w.Input());
        Assert.Empty(r.Accounts);
        Assert.Empty(r.Defenders);
        Assert.Equal(0, r.Summary.Nodes);
        Assert.True(double.IsNaN(r.Summary.FollowersInfluenceSpearman));
    }

    [Fact]
    public void Accounts_without_any_tie_are_regular_and_present()
    {
        var w = new TinyWorld("a", "b", "c");
        var r = InfluenceAnalyzer.Run(w.Input());
        Assert.All(r.Accounts, m => Assert.Equal((AccountRole.Regular, PresenceStage.Present), (m.Role, m.Stage)));
        Assert.Equal(3, r.Summary.Components);
    }
}

public sealed class CommunityGraphChoiceTests
{
    [Fact]
    public void Auto_uses_interaction_ties_only_when_they_outnumber_follows()
    {
        // Two chatting pairs, no follows: communities come from interactions.
        var talk = new TinyWorld("a", "b", "c", "d")
            .Act("a", "b", InteractionKind.Reply).Act("b", "a", InteractionKind.Reply)
            .Act("c", "d", InteractionKind.Reply).Act("d", "c", InteractionKind.Reply);
        var r = InfluenceAnalyzer.Run(talk.Input());
        Assert.Equal("follows+interactions", r.Summary.CommunityGraph);
        Assert.Equal(r.Accounts[talk["a"]].Community, r.Accounts[talk["b"]].Community);
        Assert.NotEqual(r.Accounts[talk["a"]].Community, r.Accounts[talk["c"]].Community);
        Assert.Equal(2, r.Summary.Components);

        // Forcing follows only: no ties, every account alone.
        var forced = InfluenceAnalyzer.Run(talk.Input(), new InfluenceConfig { CommunityGraph = CommunityGraph.Follows });
        Assert.Equal("follows", forced.Summary.CommunityGraph);
        Assert.Equal(4, forced.Summary.Components);

        var follows = new TinyWorld("a", "b", "c").Follow("a>b", "b>a", "b>c").Act("a", "b", InteractionKind.Like);
        Assert.Equal("follows", InfluenceAnalyzer.Run(follows.Input()).Summary.CommunityGraph);
    }
}
