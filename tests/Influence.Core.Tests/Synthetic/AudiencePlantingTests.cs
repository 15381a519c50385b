using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Core.Tests.Synthetic;

/// <summary>The audience verdicts on planted purchases and viral spikes, one world of each generator at 0.3 size (the bench runs the whole family).</summary>
public sealed class AudiencePlantingTests
{
    [Theory]
    [InlineData("syn-default")]
    [InlineData("bc-noisy")]
    public void Purchases_are_found_and_viral_spikes_are_not(string name)
    {
        var members = ValidationFamily.Members(0.3);
        int index = members.ToList().FindIndex(m => m.Name == name);
        SyntheticWorld world = AudiencePlanting.Plant(members[index].Generate(default), AudiencePlantConfig.ForFamilyMember(index));
        var score = AudienceValidationScore.Of(world, InfluenceAnalyzer.Run(world.ToInput()));
        Assert.True(score.Fakes > 50 && score.ViralSpikes >= 3, $"planted {score.Fakes} fakes, {score.ViralSpikes} viral spikes");
        Assert.True(score.FakePrecision >= 0.9 && score.FakeRecall >= 0.9, $"fakes P {score.FakePrecision} R {score.FakeRecall}");
        Assert.True(score.TargetPrecision >= 0.9 && score.TargetRecall >= 0.9, $"targets P {score.TargetPrecision} R {score.TargetRecall}");
        Assert.True(score.ViralFlaggedShare <= 0.1, $"viral flagged {score.ViralFlaggedShare}");
        Assert.True(score.QualityGap >= 15, $"gap {score.QualityGap}");
    }

    [Fact]
    public void Planting_keeps_the_world_and_adds_timed_follows_and_truth()
    {
        SyntheticWorld world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 1000, Seed = 5 });
        SyntheticWorld planted = AudiencePlanting.Plant(world, new AudiencePlantConfig { Purchases = 3, ViralSpikes = 2 });
        Assert.Equal(world.Ids[999], planted.Ids[999]);
        Assert.True(planted.AccountCount > world.AccountCount);
        Assert.Equal(3, planted.Traits.Count(t => (t & AccountTraits.FollowerBuyer) != 0));
        Assert.Equal(2, planted.Traits.Count(t => (t & AccountTraits.ViralSpikeTarget) != 0));
        Assert.All(Enumerable.Range(world.AccountCount, planted.AccountCount - world.AccountCount),
            v => Assert.Equal(AccountTraits.BoughtFollower, planted.Traits[v]));
        Assert.True(planted.Interactions.Count > world.Interactions.Count);
        Assert.True(planted.ToInput().Follows.HasFollowTimes);
        Assert.Throws<ArgumentNullException>(() => AudiencePlanting.Plant(world, null!));
    }

    [Fact]
    public void Bad_results_are_refused_by_the_score()
    {
        SyntheticWorld world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 200, Seed = 5 });
        var other = InfluenceAnalyzer.Run(SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 100, Seed = 5 }).ToInput());
        Assert.Throws<ArgumentException>(() => AudienceValidationScore.Of(world, other));
    }
}
