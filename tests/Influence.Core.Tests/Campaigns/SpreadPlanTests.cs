using Influence.Core.Campaigns;

namespace Influence.Core.Tests.Campaigns;

public sealed class SpreadPlanTests
{
    [Fact]
    public void Imm_estimate_agrees_with_ten_thousand_monte_carlo_cascades_within_five_percent()
    {
        var (world, _, r, index) = CampaignPlannerTests.World.Value;
        var model = CascadeModel.FromAudience(index);
        var plan = CampaignPlanner.Plan(r, index, CampaignScope.WholeGraph,
            new CampaignPlanConfig { Objective = CampaignObjective.Spread, K = 10, Epsilon = 0.1 }, cascade: model);
        Assert.NotNull(plan.Sampling);
        Assert.False(plan.Sampling!.Capped);
        Assert.True(plan.Sampling.Samples >= plan.Sampling.RequiredSamples);
        var (mean, se) = model.Simulate(plan.Picks.Select(p => p.Node).ToArray(), 10_000, seed: 5);
        Assert.True(Math.Abs(plan.Value - mean) <= 0.05 * mean,
            $"IMM {plan.Value:0.##} vs Monte Carlo {mean:0.##} ± {se:0.##} ({plan.Sampling.Samples} RR sets)");
        // The ranked lists are valued on the same sample: check one against simulation too.
        var (fMean, _) = model.Simulate(plan.ByFollowers.Nodes, 10_000, seed: 6);
        Assert.True(Math.Abs(plan.ByFollowers.Value - fMean) <= 0.05 * fMean + 1, $"followers list {plan.ByFollowers.Value:0.##} vs MC {fMean:0.##}");
        Assert.True(plan.Value >= plan.ByFollowers.Value);
        Assert.True(plan.Value >= plan.ByInfluence.Value);
    }

    [Fact]
    public void Spread_in_a_community_counts_members_only_and_is_deterministic()
    {
        var (_, _, r, index) = CampaignPlannerTests.World.Value;
        int community = r.Communities[0].Id;
        var config = new CampaignPlanConfig { Objective = CampaignObjective.Spread, K = 5, Epsilon = 0.2, Seed = 3 };
        var a = CampaignPlanner.Plan(r, index, CampaignScope.OfCommunity(community), config);
        var b = CampaignPlanner.Plan(r, index, CampaignScope.OfCommunity(community), config);
        Assert.Equal(a.Picks.Select(p => p.Node), b.Picks.Select(p => p.Node));
        Assert.Equal(a.Value, b.Value);
        Assert.InRange(a.Value, 1, a.ScopeSize);
        Assert.All(a.Picks, p => Assert.Equal(community, p.Community));
        var inScope = new byte[r.Accounts.Length];
        for (int v = 0; v < inScope.Length; v++) if (r.Accounts[v].Community == community) inScope[v] = 1;
        var (mean, _) = CascadeModel.FromAudience(index).Simulate(a.Picks.Select(p => p.Node).ToArray(), 10_000, 9, inScope);
        Assert.True(Math.Abs(a.Value - mean) <= 0.1 * mean, $"community spread {a.Value:0.##} vs MC {mean:0.##}");
    }

    [Fact]
    public void Cascade_probabilities_follow_the_documented_estimator()
    {
        var (_, _, _, index) = CampaignPlannerTests.World.Value;
        var model = CascadeModel.FromAudience(index);
        var given = new double[index.NodeCount];
        for (int u = 0; u < index.NodeCount; u++)
        {
            var aud = index.Audience(u);
            var c = index.Interactions(u);
            for (int i = 0; i < aud.Length; i++) given[aud[i]] += c[i];
        }
        int checkedPairs = 0;
        for (int u = 0; u < index.NodeCount && checkedPairs < 500; u++)
        {
            var aud = index.Audience(u);
            var c = index.Interactions(u);
            var p = model.ActivationProbabilities(u);
            for (int i = 0; i < aud.Length; i++, checkedPairs++)
                Assert.Equal(c[i] / (given[aud[i]] + CascadeModel.Prior), p[i], 6);
        }
        Assert.True(checkedPairs > 100);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Simulate([0], 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Simulate([-1], 10, 1));
    }
}
