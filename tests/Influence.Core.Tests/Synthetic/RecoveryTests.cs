using Influence.Core.Model;
using Influence.Core.Synthetic;
using Xunit.Abstractions;

namespace Influence.Core.Tests.Synthetic;

/// <summary>
/// The model, at default settings, recovers what the generator planted: on several seeds, sizes,
/// community counts, with and without stance (so it holds in general, not for one world).
/// </summary>
public sealed class RecoveryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1500, 4, 0, true)]
    [InlineData(3000, 5, 0, false)]
    [InlineData(5000, 7, 8, true)]
    [InlineData(12000, 11, 40, true)]
    public void Roles_and_defenders_are_recovered(int accounts, int seed, int communities, bool stance)
    {
        var world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = accounts, Seed = seed, Communities = communities, WithStance = stance });
        var result = InfluenceAnalyzer.Run(world.ToInput());
        var score = ValidationScore.Of(world, result);
        output.WriteLine(score.ToString());

        Assert.True(score.Roles[AccountRole.Celebrity].F1 >= 0.9, $"celebrity F1 {score.Roles[AccountRole.Celebrity].F1:0.000}");
        Assert.True(score.Roles[AccountRole.MicroInfluencer].F1 >= 0.9, $"micro-influencer F1 {score.Roles[AccountRole.MicroInfluencer].F1:0.000}");
        Assert.True(score.Defenders.Precision >= 0.9, $"defender precision {score.Defenders.Precision:0.000}");
        Assert.True(score.Defenders.Recall >= 0.9, $"defender recall {score.Defenders.Recall:0.000}");
        if (stance)
        {
            Assert.True(score.Critics.Precision >= 0.9 && score.Critics.Recall >= 0.9, $"critics P {score.Critics.Precision:0.000} R {score.Critics.Recall:0.000}");
        }
        else
        {
            Assert.Empty(world.TrueCritics);
            Assert.Empty(result.Critics);
        }
        // Popularity is not influence: followers and influence agree only loosely, and the demo world's celebrities —
        // whose audiences engage at a fraction of the usual rate, mostly once — are popular, not influential.
        Assert.InRange(result.Summary.FollowersInfluenceSpearman, 0.0, 0.8);
        int celebrities = 0, popularOnly = 0;
        for (int v = 0; v < world.AccountCount; v++)
        {
            if (world.TrueRole(v) != AccountRole.Celebrity) continue;
            celebrities++;
            if (result.Accounts[v].Quadrant == PopularityQuadrant.PopularNotInfluential) popularOnly++;
        }
        Assert.True(popularOnly >= 0.9 * celebrities, $"{popularOnly} of {celebrities} celebrities are popular, not influential");
    }

    /// <summary>
    /// The independent block-cascade generator (docs/validation.md): the model was not written against it. Small worlds
    /// of the family's axes; the bars sit a little under the full-size family minimum (small worlds are noisier).
    /// </summary>
    [Theory]
    [InlineData(4000, 31, 26, 1.0, 0.5, 0.03)]
    [InlineData(4000, 33, 52, 3.0, 0.5, 0.03)]
    [InlineData(4000, 34, 8, 0.6, 0.0, 0.01)]
    [InlineData(4000, 35, 4, 1.0, 1.0, 0.05)]
    public void Roles_and_defenders_are_recovered_on_the_independent_generator(int accounts, int seed, int weeks, double intensity, double stance, double microShare)
    {
        var world = BlockCascadeWorldGenerator.Generate(new BlockCascadeWorldConfig
        {
            Accounts = accounts, Seed = seed, Weeks = weeks, EngagementIntensity = intensity, StanceShare = stance, MicroShare = microShare,
        });
        var result = InfluenceAnalyzer.Run(world.ToInput());
        var score = ValidationScore.Of(world, result);
        output.WriteLine(score.ToString());

        Assert.True(score.Roles[AccountRole.Celebrity].F1 >= 0.9, $"celebrity F1 {score.Roles[AccountRole.Celebrity].F1:0.000}");
        Assert.True(score.Roles[AccountRole.MacroInfluencer].F1 >= 0.85, $"macro-influencer F1 {score.Roles[AccountRole.MacroInfluencer].F1:0.000}");
        Assert.True(score.Roles[AccountRole.MicroInfluencer].F1 >= 0.8, $"micro-influencer F1 {score.Roles[AccountRole.MicroInfluencer].F1:0.000}");
        Assert.True(score.Defenders.Precision >= 0.85, $"defender precision {score.Defenders.Precision:0.000}");
        Assert.True(score.Defenders.Recall >= (intensity > 2 ? 0.5 : 0.85), $"defender recall {score.Defenders.Recall:0.000}");
        // Popular accounts whose audiences barely engage (under 3 % of followers ever engage) are not influential:
        // bought-follower targets first of all.
        for (int v = 0; v < world.AccountCount; v++)
        {
            AccountMetrics m = result.Accounts[v];
            if (m.Quadrant is PopularityQuadrant.PopularAndInfluential or PopularityQuadrant.PopularNotInfluential && m.ActiveAudienceShare < 0.03)
                Assert.Equal(PopularityQuadrant.PopularNotInfluential, m.Quadrant);
        }
    }

    [Fact]
    public void Reasons_of_a_found_micro_influencer_carry_its_figures()
    {
        var world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 2000, Seed = 3 });
        var result = InfluenceAnalyzer.Run(world.ToInput());
        int micro = Array.FindIndex(result.Accounts, m => m.Role == AccountRole.MicroInfluencer);
        Assert.True(micro >= 0, "no micro-influencer found");
        AccountMetrics m = result.Accounts[micro];
        var reasons = InfluenceAnalyzer.Explain(m, result.Thresholds);
        Assert.Contains(reasons, r => r.Text.StartsWith($"micro-influencer: followers {m.Followers:N0} ≥ micro floor 10", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Metric == "community_standout" && r.Value == m.CommunityStandout && r.Comparison == ">=");
        Assert.Contains(reasons, r => r.Metric == "role_margin" && r.Value == m.RoleMargin && m.RoleMargin > 0);
        Assert.Contains(reasons, r => r.Text.StartsWith("not celebrity: followed-back rate", StringComparison.Ordinal)); // its weakest criterion
        Assert.Contains(reasons, r => r.Text.StartsWith("role: micro-influencer (margin ", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Text.StartsWith("stage: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_stage_occurs_and_celebrities_are_producers_not_networkers()
    {
        var world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 4000, Seed = 8 });
        var result = InfluenceAnalyzer.Run(world.ToInput());
        foreach (PresenceStage stage in Enum.GetValues<PresenceStage>())
            Assert.True(result.Summary.StageCounts[RoleNames.Name(stage)] > 0, $"no account in stage {RoleNames.Name(stage)}");
        for (int v = 0; v < world.AccountCount; v++)
            if (result.Accounts[v].Role == AccountRole.Celebrity)
                Assert.Equal(PresenceStage.Producer, result.Accounts[v].Stage);
        // Lurkers read: nearly all of them are "present".
        int lurkers = 0, present = 0;
        for (int v = 0; v < world.AccountCount; v++)
        {
            if (world.Personas[v] != Persona.Lurker) continue;
            lurkers++;
            if (result.Accounts[v].Stage == PresenceStage.Present) present++;
        }
        Assert.True(present >= 0.9 * lurkers, $"{present} of {lurkers} lurkers are present");
    }
}

public sealed class DeterminismTests
{
    [Fact]
    public void Same_input_same_verdicts()
    {
        var world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 2500, Seed = 13 });
        var a = InfluenceAnalyzer.Run(world.ToInput());
        var b = InfluenceAnalyzer.Run(world.ToInput());
        Assert.Equal(a.Accounts.Select(m => (m.Role, m.Stage, m.CommunityRank, m.Defenders)), b.Accounts.Select(m => (m.Role, m.Stage, m.CommunityRank, m.Defenders)));
        Assert.Equal(a.Defenders, b.Defenders);
        Assert.Equal(a.Thresholds.Values.OrderBy(kv => kv.Key), b.Thresholds.Values.OrderBy(kv => kv.Key));
    }
}
