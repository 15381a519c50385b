using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Core.Tests.Synthetic;

/// <summary>
/// A small world of every family member generates, is analysed and scores. The model's figures are not
/// asserted here (the harness reports them: docs/validation.md); the scorer's arithmetic is.
/// </summary>
public sealed class ValidationFamilyTests
{
    public static TheoryData<string> MemberNames()
    {
        var data = new TheoryData<string>();
        foreach (ValidationWorld w in ValidationFamily.Members(0.1)) data.Add(w.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(MemberNames))]
    public void A_small_world_of_each_member_is_analysed_and_scored(string name)
    {
        ValidationWorld member = ValidationFamily.Members(0.1).Single(w => w.Name == name);
        SyntheticWorld world = member.Generate(CancellationToken.None);
        Assert.Equal(member.Accounts, world.AccountCount);
        Assert.Equal(member.Generator, world.Generator);
        InfluenceAnalysisResult result = InfluenceAnalyzer.Run(world.ToInput());
        ValidationScore score = ValidationScore.Of(world, result);

        int total = 0;
        foreach (int c in score.Confusion) total += c;
        Assert.Equal(world.AccountCount, total);
        foreach (Recovery r in score.Roles.Values)
        {
            Assert.InRange(r.Precision, 0, 1);
            Assert.InRange(r.Recall, 0, 1);
            Assert.InRange(r.F1, 0, 1);
        }
        Assert.True(score.Roles[AccountRole.Celebrity].Truth > 0 && score.Roles[AccountRole.MicroInfluencer].Truth > 0);
        Assert.True(score.Defenders.Truth > 0, "every member plants defenders");
        Assert.Equal(result.Defenders.Length, score.Defenders.Found);
    }

    [Fact]
    public void Family_spans_both_generators_and_the_settings_that_matter()
    {
        var members = ValidationFamily.Members();
        Assert.Contains(members, m => m.Generator == "synthetic");
        Assert.Contains(members, m => m.Generator == "block-cascade");
        Assert.Equal(members.Count, members.Select(m => m.Name).Distinct().Count());
        Assert.All(members, m => Assert.InRange(m.Accounts, 5_000, 20_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationFamily.Members(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationFamily.Members(1, seedOffset: -1));
    }

    [Fact]
    public void A_seed_offset_gives_the_same_settings_and_other_worlds()
    {
        ValidationWorld tuned = ValidationFamily.Members(0.1).First(w => w.Name == "bc-default");
        ValidationWorld heldOut = ValidationFamily.Members(0.1, seedOffset: 1000).First(w => w.Name == "bc-default");
        SyntheticWorld a = tuned.Generate(CancellationToken.None), b = heldOut.Generate(CancellationToken.None);
        Assert.Equal(a.AccountCount, b.AccountCount);
        Assert.Equal(a.Config.Seed + 1000, b.Config.Seed);
        Assert.NotEqual(a.FollowTarget, b.FollowTarget);
    }

    [Fact]
    public void Scoring_the_truth_itself_is_perfect_and_critics_listed_as_defenders_are_counted()
    {
        SyntheticWorld world = BlockCascadeWorldGenerator.Generate(new BlockCascadeWorldConfig { Accounts = 1000, Seed = 9, StanceShare = 1, CriticisedShare = 1 });
        InfluenceAnalysisResult run = InfluenceAnalyzer.Run(world.ToInput());
        for (int v = 0; v < world.AccountCount; v++) run.Accounts[v].Role = world.TrueRole(v);
        static DefenderLink Link((int A, int T) p) => new(p.T, p.A, 1, 5, 2, true, true, 1);
        DefenderLink[] truthAndCritics = [.. world.TrueDefenders.Select(Link), .. world.TrueCritics.Select(Link)];

        ValidationScore perfect = ValidationScore.Of(world, Copy(run, world.TrueDefenders.Select(Link).ToArray(), world.TrueCritics.Select(Link).ToArray()));
        Assert.All(perfect.Roles.Values, r => Assert.Equal(1.0, r.F1));
        Assert.Equal(1.0, perfect.Defenders.Precision);
        Assert.Equal(1.0, perfect.Defenders.Recall);
        Assert.Equal(0, perfect.CriticsListedAsDefenders);
        Assert.Equal(1.0, ValidationScore.RoleAgreement(run, run));

        ValidationScore confused = ValidationScore.Of(world, Copy(run, truthAndCritics, []));
        Assert.Equal(world.TrueCritics.Length, confused.CriticsListedAsDefenders);
        Assert.True(world.TrueCritics.Length > 0);
        Assert.Equal(world.TrueDefenders.Length / (double)truthAndCritics.Length, confused.Defenders.Precision, 9);
        Assert.Equal(0.0, confused.Critics.Recall);
    }

    [Fact]
    public void Scoring_a_result_of_another_world_is_refused()
    {
        SyntheticWorld small = BlockCascadeWorldGenerator.Generate(new BlockCascadeWorldConfig { Accounts = 400, Seed = 2, BoughtFollowerCohorts = 0 });
        SyntheticWorld other = BlockCascadeWorldGenerator.Generate(new BlockCascadeWorldConfig { Accounts = 500, Seed = 2, BoughtFollowerCohorts = 0 });
        InfluenceAnalysisResult a = InfluenceAnalyzer.Run(small.ToInput());
        InfluenceAnalysisResult b = InfluenceAnalyzer.Run(other.ToInput());
        Assert.Contains("500 accounts but the world 400", Assert.Throws<ArgumentException>(() => ValidationScore.Of(small, b)).Message, StringComparison.Ordinal);
        Assert.Contains("same accounts", Assert.Throws<ArgumentException>(() => ValidationScore.RoleAgreement(a, b)).Message, StringComparison.Ordinal);
    }

    private static InfluenceAnalysisResult Copy(InfluenceAnalysisResult r, DefenderLink[] defenders, DefenderLink[] critics) => new()
    {
        AccountIds = r.AccountIds, Accounts = r.Accounts, ReceivedByKind = r.ReceivedByKind, GivenByKind = r.GivenByKind,
        Thresholds = r.Thresholds, Defenders = defenders, Critics = critics, Communities = r.Communities, Summary = r.Summary,
    };
}

/// <summary>The truth-free structural checks pick what the roles mean from the follow structure alone.</summary>
public sealed class StructuralChecksTests
{
    [Fact]
    public void One_way_candidates_are_large_and_follow_back_little_and_builders_reciprocate()
    {
        SyntheticWorld world = BlockCascadeWorldGenerator.Generate(new BlockCascadeWorldConfig { Accounts = 3000, Seed = 12, BoughtFollowerCohorts = 0 });
        InfluenceAnalysisResult result = InfluenceAnalyzer.Run(world.ToInput());
        var (oneWay, builders) = StructuralChecks.Run(result);

        Assert.NotEmpty(oneWay.Candidates);
        Assert.All(oneWay.Candidates, c => Assert.True(c.FollowedBackRate <= 0.05 && c.Followers >= 10, $"{c.Account}: {c.Followers} followers, {c.FollowedBackRate:P1}"));
        // In this world the one-way large accounts are the planted celebrities.
        int celebrities = oneWay.Candidates.Count(c => world.Personas[world.Ids.TryGetNode(c.Account, out int v) ? v : -1] == Persona.Celebrity);
        Assert.True(celebrities >= 0.8 * oneWay.Candidates.Count, $"{celebrities} of {oneWay.Candidates.Count} one-way candidates are celebrities");
        Assert.All(builders.Candidates, c => Assert.True(c.FollowedBackRate >= 0.5 && c.RankInCommunity <= 3));
        Assert.Equal(oneWay.Candidates.Count(c => c.Role == "celebrity"), oneWay.Agreeing);
        Assert.Throws<ArgumentNullException>(() => StructuralChecks.Run(null!));
    }
}
